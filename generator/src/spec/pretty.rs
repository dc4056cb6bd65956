//! Pretty JSON as `serde_json::to_string_pretty` writes it (two-space indent), written faster:
//! the spec and the OpenAPI export are megabytes of it on every `generate`. serde_json's
//! formatter writes an indent one level at a time, and the text grows from nothing; here each
//! indent is one write and the text starts with room for the document.

use std::io;

use serde::Serialize;

/// `value` as pretty JSON followed by a newline, in a buffer that starts at `capacity` bytes.
pub fn to_pretty_json<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> serde_json::Result<String> {
    let mut bytes = Vec::with_capacity(capacity);
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Indented::default());
    value.serialize(&mut serializer)?;
    bytes.push(b'\n');
    // serde_json writes valid UTF-8 only.
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// serde_json's `PrettyFormatter` with a two-space indent.
#[derive(Default)]
struct Indented {
    depth: usize,
    has_value: bool,
}

/// Spaces for the deepest indent written in one piece; deeper ones take several writes.
const SPACES: &[u8; 64] = b"                                                                ";

fn indent<W: ?Sized + io::Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    let mut width = depth * 2;
    while width > 0 {
        let piece = width.min(SPACES.len());
        writer.write_all(&SPACES[..piece])?;
        width -= piece;
    }
    Ok(())
}

impl Indented {
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            indent(writer, self.depth)?;
        }
        writer.write_all(bracket)
    }

    fn next_line<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        indent(writer, self.depth)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn as_serde_json_writes_it(value: &Value) -> String {
        serde_json::to_string_pretty(value).unwrap() + "\n"
    }

    #[test]
    fn nested_and_empty_containers_are_written_as_serde_json_writes_them() {
        let deep = (0..40).fold(
            json!("leaf"),
            |inner, depth| json!({ format!("k{depth}"): [inner, {}, []] }),
        );
        for value in [
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [1, {"d": null}], "e": "x\"y"}),
            json!([[[]], [{}], 1.5, true]),
            deep,
        ] {
            assert_eq!(
                to_pretty_json(&value, 0).unwrap(),
                as_serde_json_writes_it(&value)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_value_is_written_as_serde_json_writes_it(value in json_value()) {
            proptest::prop_assert_eq!(to_pretty_json(&value, 16).unwrap(), as_serde_json_writes_it(&value));
        }
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[a-z\"\\\\]{0,4}".prop_map(Value::from),
        ];
        leaf.prop_recursive(6, 48, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                proptest::collection::btree_map("[a-z]{1,3}", inner, 0..5)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }
}
