//! Mutations of documentation text for the property tests: the damage a document can take on its
//! way to the generator (truncated downloads, lines lost or reordered in a bad merge, broken
//! tables, wrong encodings, runaway lines, empty files).
//!
//! Every mutation is bounded in size, so a parse of the result is quick by construction: the
//! longest inserted line is [`MAX_LONG_LINE`] bytes and a case applies at most [`MAX_MUTATIONS`].

use proptest::prelude::*;

/// The longest line a mutation inserts (real reference lines are under 500 bytes).
pub const MAX_LONG_LINE: usize = 100_000;

/// How many mutations one case applies, at most.
pub const MAX_MUTATIONS: usize = 4;

/// Lines that mean something to a front-end, in both syntaxes, half-written or hostile.
const HOSTILE_LINES: &[&str] = &[
    "|===",
    "|",
    "||||",
    "|Type|Name|Description|Schema",
    "|HTTP Code|Description|Schema",
    "|path|**id**",
    "| --- | --- |",
    "| Name | Description | Schema |",
    "== GET /api/v1/{unclosed",
    "=== POST /api/v1/thing/{id}/{id}",
    "# GET /api/v1/x",
    "###### DELETE /",
    "include::../../../../etc/passwd[]",
    "include::/etc/passwd[]",
    "include::api/master.adoc[]",
    "include::modules/entry.adoc[leveloffset=+99999999999]",
    "ifdef::a,b+c[]",
    "ifeval::[\"{x}\" == ]",
    "endif::[]",
    ":a: {a}{a}{a}",
    ":leveloffset: -2147483648",
    "----",
    "````",
    "```",
    "////",
    "....",
    "= ",
    "=================================================================",
    "[discrete]",
    "[id=\"",
    "**Authorizations: **",
    "Authorizations: oauth2_implicit (",
    "_required_",
    "array of array of array of",
    "&lt;&lt;_x,",
    "\u{feff}= BOM heading",
    "\t\t\t",
    "$ curl -X GET \\",
];

/// One way of damaging a document.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Cut the document at a byte (possibly inside a UTF-8 sequence).
    Truncate(usize),
    /// Drop `count` lines from a line on.
    DropLines(usize, usize),
    /// Swap two lines.
    SwapLines(usize, usize),
    /// Move a run of lines elsewhere (a section in the wrong place).
    MoveLines(usize, usize, usize),
    /// Repeat a run of lines.
    DuplicateLines(usize, usize),
    /// Insert a line from [`HOSTILE_LINES`].
    InsertHostileLine(usize, usize),
    /// Insert raw bytes, often invalid UTF-8, into a line.
    InsertBytes(usize, Vec<u8>),
    /// Insert one very long line of a repeated character.
    InsertLongLine(usize, char, usize),
    /// Remove every `|` from one line (a table row that lost its cells).
    StripCells(usize),
    /// Replace the whole document with nothing.
    Empty,
}

/// Any [`Mutation`], with the document-wide ones (truncation, emptying) rarer than local ones.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => any::<usize>().prop_map(Mutation::Truncate),
        3 => (any::<usize>(), 1usize..20).prop_map(|(at, n)| Mutation::DropLines(at, n)),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<usize>(), 1usize..30, any::<usize>())
            .prop_map(|(from, n, to)| Mutation::MoveLines(from, n, to)),
        2 => (any::<usize>(), 1usize..10).prop_map(|(at, n)| Mutation::DuplicateLines(at, n)),
        4 => (any::<usize>(), any::<usize>())
            .prop_map(|(at, line)| Mutation::InsertHostileLine(at, line)),
        3 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::InsertBytes(at, bytes)),
        1 => (
            any::<usize>(),
            prop_oneof![Just('|'), Just('='), Just('{'), Just('a'), Just('é'), Just('`')],
            1usize..MAX_LONG_LINE
        )
            .prop_map(|(at, ch, n)| Mutation::InsertLongLine(at, ch, n)),
        2 => any::<usize>().prop_map(Mutation::StripCells),
        1 => Just(Mutation::Empty),
    ]
}

/// Between one and [`MAX_MUTATIONS`] mutations, applied in order.
pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    proptest::collection::vec(mutation(), 1..=MAX_MUTATIONS)
}

/// Applies `mutations` to `document`.
pub fn apply(document: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = document
        .split(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    for mutation in mutations {
        apply_one(&mut lines, mutation);
    }
    lines.join(&b'\n')
}

/// A position among `len` (at least one) places.
fn pick(at: usize, len: usize) -> usize {
    at % len.max(1)
}

fn apply_one(lines: &mut Vec<Vec<u8>>, mutation: &Mutation) {
    // A document is never without lines: an empty one is a single empty line.
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    let len = lines.len();
    match mutation {
        Mutation::Truncate(at) => {
            let mut bytes = lines.join(&b'\n');
            bytes.truncate(pick(*at, bytes.len() + 1));
            *lines = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
        }
        Mutation::DropLines(at, count) => {
            let start = pick(*at, len);
            lines.drain(start..(start + count).min(len));
        }
        Mutation::SwapLines(a, b) => lines.swap(pick(*a, len), pick(*b, len)),
        Mutation::MoveLines(from, count, to) => {
            let start = pick(*from, len);
            let moved: Vec<_> = lines.drain(start..(start + count).min(len)).collect();
            let at = pick(*to, lines.len() + 1);
            lines.splice(at..at, moved);
        }
        Mutation::DuplicateLines(at, count) => {
            let start = pick(*at, len);
            let copy: Vec<_> = lines[start..(start + count).min(len)].to_vec();
            lines.splice(start..start, copy);
        }
        Mutation::InsertHostileLine(at, which) => {
            let line = HOSTILE_LINES[pick(*which, HOSTILE_LINES.len())];
            lines.insert(pick(*at, len + 1), line.as_bytes().to_vec());
        }
        Mutation::InsertBytes(at, bytes) => {
            let line = &mut lines[pick(*at, len)];
            let position = pick(*at, line.len() + 1);
            line.splice(position..position, bytes.iter().copied());
        }
        Mutation::InsertLongLine(at, ch, count) => {
            lines.insert(
                pick(*at, len + 1),
                ch.to_string().repeat(*count).into_bytes(),
            );
        }
        Mutation::StripCells(at) => lines[pick(*at, len)].retain(|&b| b != b'|'),
        Mutation::Empty => {
            lines.clear();
            lines.push(Vec::new());
        }
    }
}

#[test]
fn mutations_change_documents_as_described() {
    let doc = b"a\nb\nc";
    assert_eq!(apply(doc, &[Mutation::Empty]), b"");
    assert_eq!(apply(doc, &[Mutation::Truncate(3)]), b"a\nb");
    assert_eq!(apply(doc, &[Mutation::DropLines(0, 2)]), b"c");
    assert_eq!(
        apply(doc, &[Mutation::DropLines(5, 9)]),
        b"a\nb",
        "positions wrap"
    );
    assert_eq!(apply(doc, &[Mutation::SwapLines(0, 2)]), b"c\nb\na");
    assert_eq!(apply(doc, &[Mutation::DuplicateLines(0, 1)]), b"a\na\nb\nc");
    assert_eq!(apply(doc, &[Mutation::StripCells(0)]), b"a\nb\nc");
    assert_eq!(apply(b"|a|", &[Mutation::StripCells(0)]), b"a");
    assert_eq!(
        apply(doc, &[Mutation::InsertBytes(0, vec![0xff])]),
        b"\xffa\nb\nc"
    );
    assert_eq!(
        apply(doc, &[Mutation::InsertLongLine(3, '|', 3)]),
        b"a\nb\nc\n|||"
    );
    assert_eq!(apply(doc, &[Mutation::MoveLines(0, 1, 2)]), b"b\nc\na");
    assert_eq!(
        apply(doc, &[Mutation::InsertHostileLine(0, 0)]),
        b"|===\na\nb\nc"
    );
}
