//! Rust written as text, line by line, in the layout prettyplease gives it, so that most items
//! need no parsing or pretty-printing at all (formatting token streams was most of the
//! emitter's time).
//!
//! The writer knows prettyplease's layout only where it does not depend on width: one item,
//! field, statement or attribute per line, blocks opened at the end of a line, struct literals
//! on one line up to prettyplease's width for them. Where width decides (a line that would be
//! wider than prettyplease's margin), or where an item holds a construct whose layout the writer
//! does not model, the item's text is marked and [`super::rust_file::format_files`] gives it to
//! prettyplease like a token stream. Either way the bytes are what prettyplease prints, and
//! `layout_mismatches` (run by the tests on every docs version) proves it for every unmarked
//! item.

use super::model::RustType;
use super::rust_file::{doc_lines, markdown_lines};

/// prettyplease's line width: a line up to this wide is never broken.
pub(super) const MARGIN: usize = 89;

/// prettyplease's narrowest line, however deep the indentation.
const MIN_SPACE: usize = 60;

/// Lines wider than this are left to prettyplease. A few columns under [`MARGIN`], so that an
/// off-by-one in how a construct counts its width costs a formatting, never a wrong layout.
pub(super) const WIDEST_WRITTEN_LINE: usize = MARGIN - 3;

/// prettyplease breaks a struct literal (`Self { a, b }`) wider than this even when it fits.
const STRUCT_LITERAL_WIDTH: usize = 34;

const INDENT: &str = "    ";

/// Items written as text. Each top-level item is kept apart with whether prettyplease must lay
/// it out, so that one wide line costs the formatting of its item only.
#[derive(Debug, Default)]
pub struct RustText {
    items: Vec<WrittenItem>,
    text: String,
    depth: usize,
    needs_layout: bool,
}

/// One top-level item (with the doc comments and attributes before it) as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenItem {
    pub text: String,
    /// The writer left its layout to prettyplease.
    pub needs_layout: bool,
}

impl RustText {
    pub fn new() -> Self {
        Self::default()
    }

    /// One line at the current depth.
    pub fn line(&mut self, line: &str) -> &mut Self {
        self.push_line(line, true)
    }

    /// A line prettyplease cannot break (a string literal alone), written whatever its width.
    pub fn unbreakable_line(&mut self, line: &str) -> &mut Self {
        self.push_line(line, false)
    }

    fn push_line(&mut self, line: &str, breakable: bool) -> &mut Self {
        self.push_pieces(&[line], breakable)
    }

    /// One line made of `pieces`, written without putting them together first.
    fn push_pieces(&mut self, pieces: &[&str], breakable: bool) -> &mut Self {
        let length: usize = pieces.iter().map(|piece| piece.len()).sum();
        let width = self.depth * INDENT.len() + length;
        if breakable && width > WIDEST_WRITTEN_LINE {
            self.needs_layout = true;
        }
        for _ in 0..self.depth {
            self.text.push_str(INDENT);
        }
        for piece in pieces {
            self.text.push_str(piece);
        }
        self.text.push('\n');
        let last = pieces
            .iter()
            .rev()
            .find_map(|piece| piece.chars().next_back());
        if self.depth == 0 && matches!(last, Some('}' | ';')) {
            self.end_item();
        }
        self
    }

    /// Keeps what was written since the last item as one item.
    fn end_item(&mut self) {
        // The next item starts with room for one like this one: items of a file are much alike,
        // and growing each from nothing was thousands of copies.
        let room = self.text.len();
        self.items.push(WrittenItem {
            text: std::mem::replace(&mut self.text, String::with_capacity(room)),
            needs_layout: std::mem::take(&mut self.needs_layout),
        });
    }

    /// A line that opens a block (`impl X {`): the lines after it are one level deeper.
    pub fn open(&mut self, line: &str) -> &mut Self {
        self.line(line);
        self.depth += 1;
        self
    }

    /// Opens `{implementation} for {self_ty} {`, an impl of a trait: prettyplease breaks the
    /// line before `for` when it is too wide (and nothing else, for a trait path that fits).
    pub fn open_impl_for(&mut self, implementation: &str, self_ty: &str) -> &mut Self {
        let line = format!("{implementation} for {self_ty} {{");
        if !self.measurable() {
            return self.open(&line);
        }
        if fits(self.depth, &line, 0) {
            self.measured_line(&line);
            self.depth += 1;
            return self;
        }
        if !fits(self.depth, implementation, 0) {
            self.needs_layout = true;
        }
        self.measured_line(implementation);
        self.measured_line(&format!("for {self_ty} {{"));
        self.depth += 1;
        self
    }

    /// Ends the innermost block with `line` (`}`, `})`, `},`).
    pub fn close(&mut self, line: &str) -> &mut Self {
        self.depth = self.depth.saturating_sub(1);
        self.line(line)
    }

    /// A line that ends the innermost block and opens another (`} else {`, `) -> T {`).
    pub fn close_and_open(&mut self, line: &str) -> &mut Self {
        self.depth = self.depth.saturating_sub(1);
        self.open(line)
    }

    /// The lines after this are one level deeper without opening a block: the links of a method
    /// chain under its receiver.
    pub fn indent(&mut self) -> &mut Self {
        self.depth += 1;
        self
    }

    /// Ends an [`RustText::indent`].
    pub fn outdent(&mut self) -> &mut Self {
        self.depth = self.depth.saturating_sub(1);
        self
    }

    /// `///` lines of documentation prose (see [`super::rust_file::markdown_safe`]).
    pub fn doc(&mut self, prose: &str) -> &mut Self {
        for line in doc_lines(prose) {
            self.comment_line("///", &line);
        }
        self
    }

    /// `///` lines of Markdown the emitter writes itself.
    pub fn doc_markdown(&mut self, markdown: &str) -> &mut Self {
        for line in markdown_lines(markdown) {
            self.comment_line("///", &line);
        }
        self
    }

    /// `//!` lines of documentation prose (see [`super::rust_file::markdown_safe`]).
    pub fn inner_doc(&mut self, prose: &str) -> &mut Self {
        for line in doc_lines(prose) {
            self.comment_line("//!", &line);
        }
        self
    }

    /// `//!` lines of Markdown the emitter writes itself.
    pub fn inner_doc_markdown(&mut self, markdown: &str) -> &mut Self {
        for line in markdown_lines(markdown) {
            self.comment_line("//!", &line);
        }
        self
    }

    /// A doc comment is never broken, whatever its width; prettyplease drops trailing spaces.
    fn comment_line(&mut self, marker: &str, line: &str) {
        for _ in 0..self.depth {
            self.text.push_str(INDENT);
        }
        self.text.push_str(marker);
        self.text.push_str(line.trim_end_matches(' '));
        self.text.push('\n');
    }

    /// Source already in prettyplease's layout (a template of items that do not depend on the
    /// spec), written as it is at the top level. The layout test checks it like any item.
    pub fn verbatim(&mut self, source: &str) -> &mut Self {
        for line in source.lines() {
            self.text.push_str(line);
            self.text.push('\n');
            let top_level = !line.starts_with([' ', '#', '/']);
            if self.depth == 0 && top_level && (line.ends_with('}') || line.ends_with(';')) {
                self.end_item();
            }
        }
        self
    }

    /// The items hold a construct whose layout the writer does not model (a method chain, say):
    /// prettyplease lays them out.
    pub fn leave_layout_to_prettyplease(&mut self) -> &mut Self {
        self.needs_layout = true;
        self
    }

    /// Lines of a struct literal: `{prefix}{path} { a, b }{suffix}` on one line, or broken with
    /// one field per line as prettyplease breaks one wider than it allows.
    pub fn struct_literal(&mut self, prefix: &str, path: &str, fields: &[String], suffix: &str) {
        let inline = if fields.is_empty() {
            format!("{path} {{}}")
        } else {
            format!("{path} {{ {} }}", fields.join(", "))
        };
        // prettyplease measures the literal up to, not including, its closing brace.
        if inline.len() - 1 <= STRUCT_LITERAL_WIDTH {
            self.line(&format!("{prefix}{inline}{suffix}"));
            return;
        }
        self.open(&format!("{prefix}{path} {{"));
        for field in fields {
            self.line(&format!("{field},"));
        }
        self.close(&format!("}}{suffix}"));
    }

    /// The items written (what follows the last one, such as inner doc comments, is one more).
    pub fn finish(mut self) -> Vec<WrittenItem> {
        if !self.text.is_empty() {
            self.end_item();
        }
        self.items
    }

    /// `{head}({params}){tail}`: a signature laid out as prettyplease lays it out. A tail that
    /// ends with `{` opens the function's body (which must not be empty: prettyplease measures a
    /// signature up to the line break before the body).
    ///
    /// prettyplease measures each of its boxes from where it opens to the next break of a box
    /// around it: the parameters' box to the end of the line (` -> T {` included), a return
    /// type's generic arguments to the end of the line too, and an argument to the comma after
    /// it (a last argument's trailing comma, printed only when the box breaks, is not counted).
    pub fn signature(&mut self, head: &str, params: &[String], tail: &str) -> &mut Self {
        let inline = format!("{head}({}){tail}", params.join(", "));
        let types = params
            .iter()
            .map(|param| param.split_once(": ").map_or("", |(_, ty)| ty))
            .chain(
                tail.strip_prefix(" -> ")
                    .map(|ty| ty.trim_end_matches([' ', '{', ';'])),
            );
        if !types.into_iter().all(lifetimes_lead) {
            self.needs_layout = true;
        }
        if self.measurable() && fits(self.depth, &inline, 0) {
            self.measured_line(&inline);
        } else if params.is_empty() {
            // prettyplease drops an empty box: nothing breaks but the return type.
            self.return_type(&format!("{head}()"), tail);
        } else {
            self.signature_broken(head, params, tail);
        }
        if tail.ends_with('{') {
            self.depth += 1;
        }
        self
    }

    /// A signature too wide for its line: one parameter per line, then `) -> T {`.
    fn signature_broken(&mut self, head: &str, params: &[String], tail: &str) {
        let open = format!("{head}(");
        if !self.measurable() || !fits(self.depth, &open, 0) {
            // The generics before the parameters would break too: not modelled.
            self.needs_layout = true;
        }
        self.measured_line(&open);
        self.depth += 1;
        for (index, param) in params.iter().enumerate() {
            let last = index + 1 == params.len();
            let (counted, uncounted) = if last { ("", ",") } else { (",", "") };
            match param.split_once(": ") {
                Some((name, ty)) => self.type_lines(&[name, ": "].concat(), ty, counted, uncounted),
                None => self.type_lines("", param, counted, uncounted),
            }
        }
        self.depth -= 1;
        self.return_type(")", tail);
    }

    /// `{before}{tail}` where `tail` is ` -> T {` (or ` {`): the return type's generic arguments
    /// one per line when the line is too wide.
    fn return_type(&mut self, before: &str, tail: &str) {
        let line = format!("{before}{tail}");
        if self.measurable() && fits(self.depth, &line, 0) {
            self.measured_line(&line);
            return;
        }
        match tail
            .strip_prefix(" -> ")
            .and_then(|rest| rest.strip_suffix(" {"))
        {
            Some(ty) => self.type_lines(&format!("{before} -> "), ty, " {", ""),
            None => {
                self.needs_layout = true;
                self.measured_line(&line);
            }
        }
    }

    /// `{prefix}{ty}{counted}{uncounted}`, where prettyplease measures the line up to the end of
    /// `counted`: when it is too wide, `ty`'s generic arguments one per line (each laid out the
    /// same way), the last with the trailing comma prettyplease adds to a broken list.
    fn type_lines(&mut self, prefix: &str, ty: &str, counted: &str, uncounted: &str) {
        let whole = [prefix, ty, counted, uncounted];
        if !self.measurable() || !lifetimes_lead(ty) {
            self.needs_layout = true;
            self.push_pieces(&whole, false);
            return;
        }
        let inline_width = prefix.len() + ty.len() + counted.len();
        if self.depth * INDENT.len() + inline_width <= MARGIN {
            self.push_pieces(&whole, false);
            return;
        }
        let Some((outer, args)) = generic_arguments(ty) else {
            if !is_unbreakable_type(ty) {
                self.needs_layout = true;
            }
            self.push_pieces(&whole, false);
            return;
        };
        self.push_pieces(&[prefix, outer, "<"], false);
        self.depth += 1;
        let last = args.len().saturating_sub(1);
        for (index, arg) in args.iter().enumerate() {
            if index == last {
                self.type_lines("", arg, "", ",");
            } else {
                self.type_lines("", arg, ",", "");
            }
        }
        self.depth -= 1;
        self.push_pieces(&[">", counted, uncounted], false);
    }

    /// prettyplease gives every line at least [`MIN_SPACE`] columns, however deep: past that
    /// depth the writer's measure is not prettyplease's.
    fn measurable(&self) -> bool {
        self.depth * INDENT.len() + MIN_SPACE <= MARGIN
    }

    /// A line whose width the writer has measured exactly (or knows prettyplease cannot break).
    fn measured_line(&mut self, line: &str) {
        self.push_line(line, false);
    }

    /// One statement laid out by prettyplease on its own, at the current depth: for a statement
    /// whose layout the writer does not model, without giving its whole item to prettyplease.
    /// Text that does not parse is kept, and its item left to prettyplease, whose parse then
    /// reports the error.
    pub fn statement_laid_out(&mut self, statement: &str) {
        match statements_laid_out(statement, self.depth.max(1)) {
            Ok(lines) => {
                for line in lines {
                    self.text.push_str(&line);
                    self.text.push('\n');
                }
            }
            Err(_) => {
                self.needs_layout = true;
                self.unbreakable_line(statement);
            }
        }
    }

    /// Members of an impl block (methods with their docs and attributes) laid out by
    /// prettyplease on their own: for a method whose signature the writer does not model (an
    /// `impl Stream<Item = T>` return type), without giving the whole impl to prettyplease.
    /// Only an impl at the top level is modelled; deeper, the item is left to prettyplease.
    pub fn members_laid_out(&mut self, members: &str) {
        let wrapped = format!("impl Wrapper {{\n{members}\n}}\n");
        let printed = match syn::parse_file(&wrapped) {
            Ok(file) if self.depth == 1 => prettyplease::unparse(&file),
            _ => {
                self.needs_layout = true;
                self.unbreakable_line(members);
                return;
            }
        };
        let lines: Vec<&str> = printed.lines().collect();
        for line in lines
            .get(1..lines.len().saturating_sub(1))
            .unwrap_or_default()
        {
            self.text.push_str(line);
            self.text.push('\n');
        }
    }

    /// `{prefix}{expr}{suffix}` as one statement (or a block's tail expression) at the current
    /// depth, laid out as prettyplease lays it out; where the writer is not sure of the layout,
    /// prettyplease lays out the statement on its own.
    pub fn statement(&mut self, prefix: &str, expr: &Expr, suffix: &str) -> &mut Self {
        let mut lines = ExprLines { lines: Vec::new() };
        // A statement that starts with its expression (no `let`) is at the start of its line,
        // where prettyplease keeps a short receiver with its first call.
        let line_start = prefix.is_empty();
        match lines.lay_out(
            self.depth,
            prefix,
            expr,
            Suffix::counted(suffix),
            line_start,
        ) {
            Ok(()) => {
                let depth = self.depth;
                for (line_depth, line) in lines.lines {
                    self.depth = line_depth;
                    // Measured exactly by `ExprLines`: no margin of safety to apply.
                    self.push_line(&line, false);
                }
                self.depth = depth;
            }
            Err(Unsure) if self.depth == 0 => {
                self.needs_layout = true;
                self.unbreakable_line(&format!("{prefix}{}{suffix}", expr.source()));
            }
            Err(Unsure) => {
                self.statement_laid_out(&format!("{prefix}{}{suffix}", expr.source()));
            }
        }
        self
    }

    /// A match arm `{pattern} => {body},`. A body too wide for the arm's line goes in a block of
    /// its own, as prettyplease puts it.
    pub fn arm(&mut self, pattern: &str, body: &Expr) -> &mut Self {
        let head = format!("{pattern} => ");
        // prettyplease does not count the arm's comma (see `ExprLines`).
        match body.flat() {
            Some(flat) if fits(self.depth, &format!("{head}{flat},"), 1) => {
                self.unbreakable_line(&format!("{head}{flat},"));
            }
            _ => {
                self.open(&format!("{head}{{"));
                self.statement("", body, "");
                self.close("}");
            }
        }
        self
    }

    /// `{prefix}{ty}{suffix}` for a struct's field of type `ty` (`suffix` the comma after it):
    /// the type's generic arguments one per line when the line is too wide, outermost first.
    pub fn typed(&mut self, prefix: &str, ty: &RustType, suffix: &str) -> &mut Self {
        self.type_lines(prefix, &ty.text(), suffix, "");
        self
    }
}

/// An expression in the parts whose layout prettyplease decides by width: calls, arrays, struct
/// literals and method chains. [`RustText::statement`] lays it out as prettyplease does, and
/// gives the statement to prettyplease where the writer is not sure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Text the writer never breaks: a path, a literal, a call that is always short.
    Atom(String),
    /// `{callee}({args}){then}`, `then` being `?` or nothing.
    Call {
        callee: String,
        args: Vec<Expr>,
        then: &'static str,
    },
    /// `{prefix}[{elements}]`, the prefix `&` or nothing.
    Array {
        prefix: &'static str,
        elements: Vec<Expr>,
    },
    /// `{prefix}{path} { name: value, .. }`; a field with an empty name is written as its value
    /// (the shorthand `path`).
    Struct {
        prefix: &'static str,
        path: String,
        fields: Vec<(String, Expr)>,
    },
    /// `{receiver}{links}`: each link a call whose callee starts with `.` (`.about`), or `.await`.
    Chain {
        receiver: Box<Expr>,
        links: Vec<Expr>,
    },
}

impl Expr {
    pub fn atom(text: impl Into<String>) -> Self {
        Expr::Atom(text.into())
    }

    pub fn call(callee: impl Into<String>, args: Vec<Expr>) -> Self {
        Expr::Call {
            callee: callee.into(),
            args,
            then: "",
        }
    }

    /// `{callee}({args})?`.
    pub fn try_call(callee: impl Into<String>, args: Vec<Expr>) -> Self {
        Expr::Call {
            callee: callee.into(),
            args,
            then: "?",
        }
    }

    /// `{receiver}{links}`; a receiver that is a chain itself is one chain with it, as
    /// prettyplease sees it.
    pub fn chain(receiver: Expr, links: Vec<Expr>) -> Self {
        match receiver {
            Expr::Chain {
                receiver,
                links: mut first,
            } => {
                first.extend(links);
                Expr::Chain {
                    receiver,
                    links: first,
                }
            }
            receiver => Expr::Chain {
                receiver: Box::new(receiver),
                links,
            },
        }
    }

    /// The expression as Rust source on one line, whatever its width.
    pub fn source(&self) -> String {
        let mut source = String::new();
        self.write_source(&mut source);
        source
    }

    fn write_source(&self, out: &mut String) {
        match self {
            Expr::Atom(text) => out.push_str(text),
            Expr::Call { callee, args, then } => {
                out.push_str(callee);
                out.push('(');
                write_separated(out, args);
                out.push(')');
                out.push_str(then);
            }
            Expr::Array { prefix, elements } => {
                out.push_str(prefix);
                out.push('[');
                write_separated(out, elements);
                out.push(']');
            }
            Expr::Struct {
                prefix,
                path,
                fields,
            } => {
                out.push_str(prefix);
                out.push_str(path);
                if fields.is_empty() {
                    out.push_str(" {}");
                    return;
                }
                out.push_str(" { ");
                for (index, (name, value)) in fields.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    if !name.is_empty() {
                        out.push_str(name);
                        out.push_str(": ");
                    }
                    value.write_source(out);
                }
                out.push_str(" }");
            }
            Expr::Chain { receiver, links } => {
                receiver.write_source(out);
                for link in links {
                    link.write_source(out);
                }
            }
        }
    }

    /// The width of the expression on one line, or `None` when prettyplease breaks it whatever
    /// the width: a struct literal wider than it allows breaks every construct around it.
    /// Measured without building the text, since the layout asks at every level.
    fn flat_width(&self) -> Option<usize> {
        let separated = |items: &[Expr]| -> Option<usize> {
            let mut width = items.len().saturating_sub(1) * 2;
            for item in items {
                width += item.flat_width()?;
            }
            Some(width)
        };
        match self {
            Expr::Atom(text) => Some(text.len()),
            Expr::Call { callee, args, then } => {
                Some(callee.len() + 2 + separated(args)? + then.len())
            }
            Expr::Array { prefix, elements } => Some(prefix.len() + 2 + separated(elements)?),
            Expr::Struct {
                prefix,
                path,
                fields,
            } => {
                // `path {}`, or `path { a, b }`.
                let mut inline = path.len() + 3;
                if !fields.is_empty() {
                    inline += 2 + (fields.len() - 1) * 2;
                    for (name, value) in fields {
                        inline += value.flat_width()?;
                        if !name.is_empty() {
                            inline += name.len() + 2;
                        }
                    }
                }
                // prettyplease measures the literal up to, not including, its closing brace.
                (inline - 1 <= STRUCT_LITERAL_WIDTH).then_some(prefix.len() + inline)
            }
            Expr::Chain { receiver, links } => {
                let mut width = receiver.flat_width()?;
                for link in links {
                    width += link.flat_width()?;
                }
                Some(width)
            }
        }
    }

    /// The expression on one line as prettyplease prints it, if it can be on one line.
    fn flat(&self) -> Option<String> {
        self.flat_width().map(|_| self.source())
    }

    /// A lone argument prettyplease writes right after the parenthesis (`f([` ... `])`).
    fn hugs_parentheses(&self) -> bool {
        matches!(
            self,
            Expr::Array { prefix: "", .. } | Expr::Struct { prefix: "", .. }
        )
    }
}

fn write_separated(out: &mut String, items: &[Expr]) {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        item.write_source(out);
    }
}

/// An expression the writer does not lay out with certainty: its statement goes to prettyplease.
struct Unsure;

/// Lines of an expression being laid out, each with its depth.
///
/// prettyplease breaks a construct when its line would be wider than [`MARGIN`], counting the
/// text up to the next place it could break: a `;` or a comma between two elements counts, the
/// comma it adds after the last element of a broken list (or after a match arm) does not. The
/// writer measures exactly that, so these lines need no margin of safety.
struct ExprLines {
    lines: Vec<(usize, String)>,
}

/// What follows an expression on its last line, and how many of its last characters prettyplease
/// does not count (1 for the comma after the last element of a broken list).
#[derive(Clone, Copy)]
struct Suffix<'a> {
    text: &'a str,
    uncounted: usize,
}

impl<'a> Suffix<'a> {
    fn counted(text: &'a str) -> Self {
        Suffix { text, uncounted: 0 }
    }
}

impl ExprLines {
    /// `{prefix}{expr}{suffix}` at `depth`: on one line when it fits, else broken outermost
    /// construct first, as prettyplease breaks its boxes.
    fn lay_out(
        &mut self,
        depth: usize,
        prefix: &str,
        expr: &Expr,
        suffix: Suffix<'_>,
        line_start: bool,
    ) -> Result<(), Unsure> {
        if let Some(width) = expr.flat_width() {
            let line_width = depth * INDENT.len() + prefix.len() + width + suffix.text.len();
            if line_width - suffix.uncounted <= MARGIN {
                let mut line = String::with_capacity(line_width);
                line.push_str(prefix);
                expr.write_source(&mut line);
                line.push_str(suffix.text);
                self.lines.push((depth, line));
                return Ok(());
            }
        }
        match expr {
            Expr::Atom(text) if is_string_literal(text) => {
                // prettyplease cannot break a string literal: it stays on its line.
                self.lines
                    .push((depth, [prefix, text, suffix.text].concat()));
                Ok(())
            }
            Expr::Atom(_) => Err(Unsure),
            Expr::Call { callee, args, then } => {
                let close = [")", then, suffix.text].concat();
                let close = Suffix {
                    text: &close,
                    uncounted: suffix.uncounted,
                };
                let open = [prefix, callee, "("].concat();
                match args.as_slice() {
                    _ if callee.contains('<') => self.turbofish(depth, prefix, callee, args, close),
                    [] => Err(Unsure),
                    [arg] if arg.hugs_parentheses() => {
                        self.lay_out(depth, &open, arg, close, false)
                    }
                    args => self.list(depth, &open, args, close),
                }
            }
            Expr::Array {
                prefix: amp,
                elements,
            } => {
                let close = ["]", suffix.text].concat();
                let close = Suffix {
                    text: &close,
                    uncounted: suffix.uncounted,
                };
                self.list(depth, &[prefix, amp, "["].concat(), elements, close)
            }
            Expr::Struct {
                prefix: amp,
                path,
                fields,
            } => {
                self.open_line(depth, [prefix, amp, path, " {"].concat())?;
                let last = fields.len().saturating_sub(1);
                for (index, (name, value)) in fields.iter().enumerate() {
                    let name = if name.is_empty() {
                        String::new()
                    } else {
                        format!("{name}: ")
                    };
                    self.lay_out(depth + 1, &name, value, element_comma(index == last), false)?;
                }
                self.close_line(depth, "}", suffix)
            }
            Expr::Chain { receiver, links } => {
                // At the start of a statement a short receiver stays with its first link, and
                // prettyplease indents that call's arguments differently: not modelled.
                let mut links = links.as_slice();
                match receiver.flat() {
                    // At the start of a line a short receiver stays with its first call, which
                    // must then fit on that line (its arguments would be indented otherwise).
                    Some(flat)
                        if line_start && flat.len() <= INDENT.len() && is_identifier(&flat) =>
                    {
                        let [first, rest @ ..] = links else {
                            return Err(Unsure);
                        };
                        let line = format!("{prefix}{flat}{}", first.flat().ok_or(Unsure)?);
                        if rest.is_empty() || !fits(depth, &line, 0) {
                            return Err(Unsure);
                        }
                        self.lines.push((depth, line));
                        links = rest;
                    }
                    Some(flat) if fits(depth, &[prefix, &flat].concat(), 0) => {
                        self.lines.push((depth, [prefix, &flat].concat()));
                    }
                    // A call too wide for its line is broken inside the chain's indent: its first
                    // line stays, the rest is one level deeper than on its own. prettyplease
                    // takes that indent back for any other receiver, a turbofish call's too.
                    _ if matches!(&**receiver, Expr::Call { callee, .. } if !callee.contains('<')) =>
                    {
                        let start = self.lines.len();
                        let open = Suffix::counted("");
                        self.lay_out(depth + 1, prefix, receiver, open, line_start)?;
                        self.lines[start].0 = depth;
                    }
                    _ => self.lay_out(depth, prefix, receiver, Suffix::counted(""), line_start)?,
                }
                let last = links.len().saturating_sub(1);
                for (index, link) in links.iter().enumerate() {
                    let end = if index == last {
                        suffix
                    } else {
                        Suffix::counted("")
                    };
                    self.lay_out(depth + 1, "", link, end, false)?;
                }
                Ok(())
            }
        }
    }

    /// `{prefix}{path}::<{ty}>({args}){close}` too wide for its line: prettyplease breaks the
    /// turbofish first, its type alone on the next line, and keeps the arguments after `>(`.
    /// Anything else (several types, arguments that do not fit after `>(`) is not modelled.
    fn turbofish(
        &mut self,
        depth: usize,
        prefix: &str,
        callee: &str,
        args: &[Expr],
        close: Suffix<'_>,
    ) -> Result<(), Unsure> {
        let (path, ty) = callee
            .strip_suffix('>')
            .and_then(|rest| rest.split_once("::<"))
            .ok_or(Unsure)?;
        if generic_arguments(&format!("T<{ty}>")).is_none_or(|(_, types)| types.len() != 1) {
            return Err(Unsure);
        }
        self.open_line(depth, format!("{prefix}{path}::<"))?;
        let type_line = format!("{ty},");
        if !fits(depth + 1, &type_line, 1) {
            return Err(Unsure);
        }
        self.lines.push((depth + 1, type_line));
        let mut last = String::from(">(");
        for (index, arg) in args.iter().enumerate() {
            if index > 0 {
                last.push_str(", ");
            }
            arg.flat_width().ok_or(Unsure)?;
            arg.write_source(&mut last);
        }
        self.close_line(depth, &last, close)
    }

    /// `{open}` items one per line, each with a comma, then the closing line.
    fn list(
        &mut self,
        depth: usize,
        open: &str,
        items: &[Expr],
        close: Suffix<'_>,
    ) -> Result<(), Unsure> {
        if items.is_empty() {
            return Err(Unsure);
        }
        self.open_line(depth, open.to_string())?;
        let last = items.len() - 1;
        for (index, item) in items.iter().enumerate() {
            self.lay_out(depth + 1, "", item, element_comma(index == last), false)?;
        }
        self.close_line(depth, "", close)
    }

    /// The first line of a broken construct: it cannot be broken further.
    fn open_line(&mut self, depth: usize, line: String) -> Result<(), Unsure> {
        if !fits(depth, &line, 0) {
            return Err(Unsure);
        }
        self.lines.push((depth, line));
        Ok(())
    }

    fn close_line(&mut self, depth: usize, close: &str, suffix: Suffix<'_>) -> Result<(), Unsure> {
        let line = [close, suffix.text].concat();
        if !fits(depth, &line, suffix.uncounted) {
            return Err(Unsure);
        }
        self.lines.push((depth, line));
        Ok(())
    }
}

/// The comma after an element of a broken list: prettyplease counts it between elements, not
/// after the last.
fn element_comma(last: bool) -> Suffix<'static> {
    Suffix {
        text: ",",
        uncounted: usize::from(last),
    }
}

/// Whether prettyplease keeps `line` at `depth` whole, its last `uncounted` characters aside.
fn fits(depth: usize, line: &str, uncounted: usize) -> bool {
    depth * INDENT.len() + line.len() - uncounted <= MARGIN
}

/// `Outer<A, B>` as `("Outer", ["A", "B"])`: a path whose last segment has generic arguments and
/// nothing else that prettyplease could break.
fn generic_arguments(ty: &str) -> Option<(&str, Vec<&str>)> {
    let open = ty.find('<')?;
    let (outer, rest) = ty.split_at(open);
    let inner = rest.strip_prefix('<')?.strip_suffix('>')?;
    if !is_unbreakable_type(outer) || ty.contains("->") {
        return None;
    }
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (index, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.checked_sub(1)?,
            ',' if depth == 0 => {
                args.push(inner[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    args.push(inner[start..].trim());
    if args.iter().any(|arg| arg.is_empty() || arg.contains('=')) {
        return None;
    }
    Some((outer, args))
}

/// Whether every list of generic arguments in `ty` has its lifetimes first, as prettyplease
/// prints them (it moves them there).
fn lifetimes_lead(ty: &str) -> bool {
    let Some((_, args)) = generic_arguments(ty) else {
        return true;
    };
    let first_type = args
        .iter()
        .position(|arg| !arg.starts_with('\''))
        .unwrap_or(args.len());
    args[first_type..].iter().all(|arg| !arg.starts_with('\''))
        && args.iter().all(|arg| lifetimes_lead(arg))
}

/// A type prettyplease prints without a break: a path without generic arguments, a reference
/// to one, a lifetime.
fn is_unbreakable_type(ty: &str) -> bool {
    let words: Vec<&str> = ty.split(' ').collect();
    !words
        .iter()
        .any(|word| matches!(*word, "impl" | "dyn" | "fn" | "for"))
        && ty
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '&' | '\'' | ' '))
}

fn is_identifier(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The lines prettyplease prints of `statements` inside a function body nested `depth` blocks
/// deep (indented as they are there): a statement's layout depends only on itself and its depth.
pub fn statements_laid_out(statements: &str, depth: usize) -> Result<Vec<String>, syn::Error> {
    let depth = depth.max(1);
    let mut wrapper = String::from("fn wrapper() {\n");
    for _ in 1..depth {
        // `loop`, not a bare block: prettyplease prints a bare block around one expression on
        // one line (`{ a }`), a loop never.
        wrapper.push_str("loop {\n");
    }
    wrapper.push_str(statements);
    wrapper.push('\n');
    for _ in 0..depth {
        wrapper.push_str("}\n");
    }
    let printed = prettyplease::unparse(&syn::parse_file(&wrapper)?);
    let lines: Vec<&str> = printed.lines().collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    Ok(inner.iter().map(|line| line.to_string()).collect())
}

/// Whether `text` is one string literal (and nothing after it): no quote inside it that a
/// backslash does not escape.
fn is_string_literal(text: &str) -> bool {
    let Some(inside) = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return false;
    };
    let mut bytes = inside.bytes();
    while let Some(byte) = bytes.next() {
        match byte {
            b'\\' => {
                bytes.next();
            }
            b'"' => return false,
            _ => {}
        }
    }
    true
}

/// A string literal as `quote` writes it (and so as prettyplease prints it): proc-macro2's
/// escaping, without building a `Literal` for every string (the emitter writes tens of
/// thousands of them). Runs of printable ASCII are copied whole.
pub fn string_literal(value: &str) -> String {
    let mut literal = String::with_capacity(value.len() + 2);
    literal.push('"');
    let mut rest = value;
    // Searched byte by byte: every plain character is one ASCII byte, so the first other byte
    // starts a character.
    while let Some(special) = rest.bytes().position(|b| !is_plain_in_string_literal(b)) {
        literal.push_str(&rest[..special]);
        let mut chars = rest[special..].chars();
        let ch = chars.next().expect("found a char at this index");
        rest = chars.as_str();
        if ch == '\0' {
            // `\0` before an octal digit would read as an octal escape (clippy::octal_escapes).
            let before_digit = rest.starts_with(|next: char| ('0'..='7').contains(&next));
            literal.push_str(if before_digit { r"\x00" } else { r"\0" });
        } else {
            literal.extend(ch.escape_debug());
        }
    }
    literal.push_str(rest);
    literal.push('"');
    literal
}

/// Printable ASCII other than `"` and `\\` stands for itself in a string literal (`'` too,
/// which `escape_debug` would escape needlessly).
fn is_plain_in_string_literal(byte: u8) -> bool {
    matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\'
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn string_literals_are_told_apart_as_the_replacements_told_them(
            text in "\"?[a\"\\\\é]{0,8}\"?"
        ) {
            let by_replacing = text.len() >= 2
                && text.starts_with('"')
                && text.ends_with('"')
                && !text[1..text.len() - 1]
                    .replace("\\\\", "")
                    .replace("\\\"", "")
                    .contains('"');
            proptest::prop_assert_eq!(is_string_literal(&text), by_replacing);
        }
    }

    fn formatted(text: &str) -> String {
        prettyplease::unparse(&syn::parse_file(text).unwrap())
    }

    #[test]
    fn lines_and_blocks_are_what_prettyplease_prints() {
        let mut text = RustText::new();
        text.doc_markdown("A `thing`.\n\nWith two paragraphs.");
        text.line("#[derive(Debug, Clone)]");
        text.open("pub struct Thing {");
        text.doc("The name, <op>:<name>.");
        text.line("pub name: Option<Vec<String>>,");
        text.close("}");
        text.open("impl Thing {");
        text.open("pub fn new() -> Self {");
        text.struct_literal("", "Self", &["name: None".to_string()], "");
        text.close("}");
        text.close("}");
        let written = text.finish();
        assert_eq!(written.len(), 2, "the struct and the impl");
        assert_laid_out_by_prettyplease(&written);
    }

    fn assert_laid_out_by_prettyplease(written: &[WrittenItem]) {
        for item in written {
            assert!(!item.needs_layout, "{}", item.text);
            assert_eq!(item.text, formatted(&item.text));
        }
    }

    #[test]
    fn struct_literals_break_where_prettyplease_breaks_them() {
        for count in 0..6 {
            let fields: Vec<String> = (0..count).map(|i| format!("field_{i}: None")).collect();
            let mut text = RustText::new();
            text.open("fn f() -> Self {");
            text.struct_literal("Ok(", "Self", &fields, ")");
            text.close("}");
            assert_laid_out_by_prettyplease(&text.finish());
        }
    }

    #[test]
    fn a_wide_line_is_left_to_prettyplease() {
        let mut text = RustText::new();
        text.open("pub struct Wide {");
        text.line(&format!(
            "pub field: Option<crate::models::{}>,",
            "Long".repeat(20)
        ));
        text.close("}");
        assert!(text.finish()[0].needs_layout);
    }

    #[test]
    fn chains_break_where_prettyplease_breaks_them() {
        for count in [1, 3, 8] {
            let links: Vec<Expr> = (0..count)
                .map(|i| Expr::atom(format!(".link_{i}(\"value\")")))
                .collect();
            let mut text = RustText::new();
            text.open("fn f() {");
            text.statement(
                "let response = ",
                &Expr::chain(Expr::atom("client"), links),
                ";",
            );
            text.statement_laid_out("let y = a.b(c.d(e)).f(g, h, i.j().k().l().m().n().o().p().q().r().s().t().u().v());");
            text.close("}");
            assert_laid_out_by_prettyplease(&text.finish());
        }
    }

    #[test]
    fn members_are_laid_out_inside_their_impl() {
        let member = "/// Pages.\npub fn pages(self) -> impl futures_core::Stream<Item = Result<crate::models::AVeryLongTypeName>> + Send + 'static { todo!() }";
        let mut text = RustText::new();
        text.open("impl Builder {");
        text.members_laid_out(member);
        text.close("}");
        let written = text.finish();
        assert_laid_out_by_prettyplease(&written);
        assert!(
            written[0].text.contains("    /// Pages.\n"),
            "{}",
            written[0].text
        );
        let mut nested = RustText::new();
        nested.open("mod m {");
        nested.open("impl Builder {");
        nested.members_laid_out(member);
        nested.close("}");
        nested.close("}");
        assert!(
            nested.finish()[0].needs_layout,
            "only a top-level impl is modelled"
        );
    }

    /// Expressions of every shape `Expr` models, with names and literals of many widths, so
    /// their lines land on both sides of the margin.
    fn expressions() -> impl proptest::strategy::Strategy<Value = Expr> {
        use proptest::prelude::*;
        let atom = prop_oneof![
            (1usize..30).prop_map(|n| Expr::atom("a".repeat(n))),
            (0usize..90).prop_map(|n| Expr::atom(string_literal(&"s".repeat(n)))),
            Just(Expr::atom("Kind::String")),
        ];
        atom.prop_recursive(4, 48, 5, |inner| {
            let callee = prop_oneof![
                (1usize..24).prop_map(|n| format!("f{}", "x".repeat(n))),
                (1usize..60)
                    .prop_map(|n| format!("via::<Option<crate::models::{}>>", "T".repeat(n))),
            ];
            prop_oneof![
                (
                    callee.clone(),
                    prop::collection::vec(inner.clone(), 0..5),
                    any::<bool>()
                )
                    .prop_map(|(callee, args, tried)| Expr::Call {
                        callee,
                        args,
                        then: if tried { "?" } else { "" },
                    }),
                (any::<bool>(), prop::collection::vec(inner.clone(), 0..5)).prop_map(
                    |(reference, elements)| Expr::Array {
                        prefix: if reference { "&" } else { "" },
                        elements,
                    }
                ),
                (
                    any::<bool>(),
                    prop::collection::vec((1usize..12, inner.clone()), 0..4)
                )
                    .prop_map(|(reference, fields)| Expr::Struct {
                        prefix: if reference { "&" } else { "" },
                        path: "Thing".to_string(),
                        fields: fields
                            .into_iter()
                            .map(|(n, value)| (format!("f{}", "d".repeat(n)), value))
                            .collect(),
                    }),
                (
                    inner.clone(),
                    prop::collection::vec(
                        prop_oneof![
                            (callee, prop::collection::vec(inner, 0..4))
                                .prop_map(|(callee, args)| Expr::call(format!(".{callee}"), args)),
                            Just(Expr::atom(".await")),
                        ],
                        1..5
                    )
                )
                    .prop_map(|(receiver, links)| Expr::chain(receiver, links)),
            ]
        })
    }

    #[test]
    fn a_broken_chain_is_laid_out_by_the_writer_itself() {
        let positional = |name: &str, help: &str| {
            Expr::call(
                "args::positional",
                vec![
                    Expr::atom(string_literal(name)),
                    Expr::atom("Kind::String"),
                    Expr::atom(string_literal(help)),
                ],
            )
        };
        let chain = Expr::chain(
            Expr::call(
                "Command::new",
                vec![Expr::atom(string_literal("restore-tag"))],
            ),
            vec![
                Expr::call(".about", vec![Expr::atom(string_literal("Restores a tag"))]),
                Expr::call(
                    ".after_help",
                    vec![Expr::atom(string_literal(&"h".repeat(90)))],
                ),
                Expr::call(
                    ".args",
                    vec![Expr::Array {
                        prefix: "",
                        elements: vec![
                            positional("REPOSITORY", &"The full path of the repository".repeat(2)),
                            positional("TAG", "The tag"),
                        ],
                    }],
                ),
            ],
        );
        let item = laid_out_by_the_writer("fn f() -> Command", "", &chain, "");
        assert!(item.contains("        .args([\n"), "{item}");
    }

    /// `{signature} { {prefix}{expr}{suffix} }`, the statement laid out by the writer itself
    /// (never left to prettyplease), checked to be what prettyplease prints.
    fn laid_out_by_the_writer(signature: &str, prefix: &str, expr: &Expr, suffix: &str) -> String {
        let mut lines = ExprLines { lines: Vec::new() };
        let line_start = prefix.is_empty();
        assert!(lines
            .lay_out(1, prefix, expr, Suffix::counted(suffix), line_start)
            .is_ok());
        let body: String = lines
            .lines
            .iter()
            .map(|(depth, line)| format!("{}{line}\n", INDENT.repeat(*depth)))
            .collect();
        let item = format!("{signature} {{\n{body}}}\n");
        assert_eq!(item, formatted(&item));
        item
    }

    #[test]
    fn a_turbofish_too_wide_for_its_line_is_broken_by_the_writer_itself() {
        let type_name = format!("crate::models::{}", "Long".repeat(12));
        let decode = Expr::chain(
            Expr::call(
                format!("serde_json::from_str::<{type_name}>"),
                vec![Expr::atom(string_literal("\"admin\""))],
            ),
            vec![Expr::call(
                ".expect",
                vec![Expr::atom(string_literal("a model"))],
            )],
        );
        let call = Expr::call("send", vec![Expr::atom("first"), decode]);
        let item = laid_out_by_the_writer("fn f()", "let x = ", &call, ";");
        assert!(
            item.contains(&format!("            {type_name},\n")),
            "{item}"
        );
    }

    proptest::proptest! {
        /// Whatever the writer lays out itself is prettyplease's layout, and what it is unsure
        /// of goes to prettyplease: either way the statement reads as prettyplease prints it.
        #[test]
        fn statements_are_laid_out_as_prettyplease_lays_them_out(
            expr in expressions(),
            depth in 1usize..4,
            binding in proptest::prop_oneof![
                proptest::strategy::Just(""),
                proptest::strategy::Just("let value = "),
                proptest::strategy::Just("let value: crate::models::Type = "),
            ],
        ) {
            let mut text = RustText::new();
            text.open("fn f() {");
            for _ in 1..depth {
                text.open("loop {");
            }
            let suffix = if binding.is_empty() { "" } else { ";" };
            text.statement(binding, &expr, suffix);
            for _ in 0..depth {
                text.close("}");
            }
            let written = text.finish();
            proptest::prop_assert_eq!(written.len(), 1);
            proptest::prop_assert_eq!(&written[0].text, &formatted(&written[0].text));
        }
    }

    /// Types of the shapes the emitter writes: paths, references, generic arguments nested up
    /// to three deep, with names of many widths.
    fn types() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            (1usize..60).prop_map(|n| format!("crate::models::{}", "T".repeat(n))),
            Just("String".to_string()),
            Just("D::Error".to_string()),
            Just("&'a str".to_string()),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            (
                prop_oneof![Just("Option"), Just("Result"), Just("&mut Context")],
                proptest::collection::vec(inner, 1..3),
                // A lifetime argument, mostly first (prettyplease moves one to the front).
                prop_oneof![6 => Just(None), 3 => Just(Some(true)), 1 => Just(Some(false))],
            )
                .prop_map(|(outer, mut args, lifetime)| {
                    match lifetime {
                        Some(true) => args.insert(0, "'_".to_string()),
                        Some(false) => args.push("'_".to_string()),
                        None => {}
                    }
                    format!("{outer}<{}>", args.join(", "))
                })
        })
    }

    fn signatures() -> impl proptest::strategy::Strategy<Value = (String, Vec<String>, String)> {
        use proptest::prelude::*;
        let head = prop_oneof![
            (1usize..50).prop_map(|n| format!("pub fn {}", "f".repeat(n))),
            (1usize..40).prop_map(|n| format!("pub async fn {}", "f".repeat(n))),
            (1usize..30).prop_map(|n| format!("fn {}<D: serde::Deserializer<'de>>", "f".repeat(n))),
        ];
        let receiver = prop_oneof![Just(None), Just(Some("self")), Just(Some("mut self"))];
        let param = (1usize..20, types()).prop_map(|(n, ty)| format!("{}: {ty}", "p".repeat(n)));
        let tail = prop_oneof![
            Just(" {".to_string()),
            Just(" -> Self {".to_string()),
            types().prop_map(|ty| format!(" -> {ty} {{")),
        ];
        let params =
            (receiver, proptest::collection::vec(param, 0..4)).prop_map(|(receiver, named)| {
                receiver
                    .map(str::to_string)
                    .into_iter()
                    .chain(named)
                    .collect()
            });
        (head, params, tail)
    }

    proptest::proptest! {
        /// Signatures and fields of the modelled shapes are laid out by the writer (never left
        /// to prettyplease, below the depth where prettyplease's narrowest line applies) exactly
        /// as prettyplease lays them out.
        #[test]
        fn signatures_and_fields_are_laid_out_as_prettyplease_lays_them_out(
            signature in signatures(),
            field in types(),
            trait_width in 1usize..80,
            depth in 0usize..4,
        ) {
            let (head, params, tail) = signature;
            let mut text = RustText::new();
            for _ in 0..depth {
                text.open("mod m {");
            }
            text.open("pub struct S<'a> {");
            text.type_lines("pub field: ", &field, ",", "");
            text.close("}");
            text.open_impl_for("impl<'de> serde::Deserialize<'de>", &"T".repeat(trait_width));
            text.line("fn f() {}");
            text.close("}");
            text.open("impl S<'_> {");
            text.signature(&head, &params, &tail);
            text.line("todo!()");
            text.close("}");
            text.close("}");
            for _ in 0..depth {
                text.close("}");
            }
            let written = text.finish();
            let source: String = written.iter().map(|item| item.text.as_str()).collect();
            // A lifetime after a type (`<T, 'a>`) is the one shape prettyplease reorders; past
            // the depth where its narrowest line applies the writer does not measure.
            let deepest = MARGIN - MIN_SPACE;
            let modelled = !source.contains(", '")
                && source.lines().all(|line| line.len() - line.trim_start().len() <= deepest);
            let laid_out_by_writer = written.iter().all(|item| !item.needs_layout);
            proptest::prop_assert!(laid_out_by_writer || !modelled, "{}", source);
            let output: String = written
                .iter()
                .map(|item| match item.needs_layout {
                    true => formatted(&item.text),
                    false => item.text.clone(),
                })
                .collect();
            proptest::prop_assert_eq!(&output, &formatted(&source));
        }
    }

    #[test]
    fn string_literals_are_escaped_like_quote_does() {
        assert_eq!(string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string_literal("it's\n\t"), r#""it's\n\t""#);
        assert_eq!(string_literal("\u{0}1 \u{0}x"), r#""\x001 \0x""#);
        assert_eq!(string_literal("é\u{301}\u{7f}"), r#""é\u{301}\u{7f}""#);
    }

    proptest::proptest! {
        /// The escaper writes exactly what proc-macro2 (and so `quote`) writes, for any text.
        #[test]
        fn string_literals_are_what_proc_macro2_writes(value in "\\PC*|[\\x00-\\x7f]*|.*") {
            proptest::prop_assert_eq!(
                string_literal(&value),
                proc_macro2::Literal::string(&value).to_string()
            );
        }
    }
}
