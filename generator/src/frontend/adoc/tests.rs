//! End-to-end tests of the AsciiDoc front-end on small trees written to a temporary directory.

use std::path::Path;

use super::parse;
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use crate::frontend::{ParseError, Parsed};
use crate::spec::{Method, Schema};

/// Writes `files` (relative path, content) under a fresh directory and returns it.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, content) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write fixture");
    }
    dir
}

fn parse_ok(root: &Path) -> Parsed {
    match parse(root) {
        Ok(parsed) => parsed,
        Err(err) => panic!("parse failed: {err}"),
    }
}

fn kinds(parsed: &Parsed) -> Vec<(Severity, DiagnosticKind)> {
    parsed
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.kind))
        .collect()
}

fn only(parsed: &Parsed, kind: DiagnosticKind) -> Vec<&Diagnostic> {
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .collect()
}

/// The assembly of a 3.18-style tree: `api_reference/` with git-symlink files into the root.
const ASSEMBLY: &str = "\
include::_attributes/attributes.adoc[]
[id=\"api-reference\"]
= {productname} API reference

include::modules/api-tokens.adoc[leveloffset=+1]
include::modules/api-tokens-createToken.adoc[leveloffset=+2]
//include::modules/api-tokens-hidden.adoc[leveloffset=+2]
include::modules/api-definitions.adoc[leveloffset=+1]
";

const ATTRIBUTES: &str = "\
:productname: Red Hat Quay

ifeval::[\"{productname}\" == \"Project Quay\"]
:producty: 9.9
endif::[]

ifeval::[\"{productname}\" == \"Red Hat Quay\"]
:producty: 3.99
endif::[]
";

const GROUP: &str = "\
[id=\"tokens\"]
= tokens

[role=\"_abstract\"]
Manages {productname} tokens.
";

const CREATE_TOKEN: &str = "\
[id=\"createtoken\"]
= createToken

[role=\"_abstract\"]
Create a token.

[id=\"createtoken-post\"]
== POST /api/v1/user/{username}/token

**Authorizations: **oauth2_implicit (**user:admin**)

[id=\"createtoken-path-parameters\"]
== Path parameters

[options=\"header\", width=100%, cols=\".^2a,.^3a,.^9a,.^4a\"]
|===
|Type|Name|Description|Schema
|path|**username**
 
_required_|The user|string
|===

== Query parameters

[options=\"header\", width=100%, cols=\".^2a,.^3a,.^9a,.^4a\"]
|===
|Type|Name|Description|Schema
|query|**limit** +
_optional_|How many|integer
|===

[id=\"createtoken-request-body-schema\"]
== Request body schema (application/json)

Description of a new token.

[options=\"header\", width=100%, cols=\".^3a,.^9a,.^4a\"]
|===
|Name|Description|Schema
|**title**
 
_required_|Friendly name|string
|**tags**
 
_optional_|Tags|array of string +
 
`non-empty` `unique`
|===

== Responses

[options=\"header\", width=100%, cols=\".^2a,.^14a,.^4a\"]
|===
|HTTP Code|Description|Schema
|201|Created|
|400|Bad Request|&lt;&lt;_apierror,ApiError&gt;&gt;
|===

== Example command
[source,terminal]
----
$ curl -X POST \\
// not a comment inside a listing
  \"https://quay.example.com/api/v1/user/alice/token\"
----

.Example output
[source,json]
----
{\"token\": \"x\"}
----
";

const HIDDEN: &str = "\
= hiddenOp

== GET /api/v1/hidden
";

const DEFINITIONS: &str = "\
[id=\"definitions\"]
= Definitions

[id=\"_apierror\"]
== ApiError

[options=\"header\", width=100%, cols=\".^3a,.^9a,.^4a\"]
|===
|Name|Description|Schema
|**status**
 
_optional_|Status code|integer
|===
";

fn good_tree() -> tempfile::TempDir {
    tree(&[
        ("api_reference/master.adoc", ASSEMBLY),
        ("api_reference/modules", "../modules/"),
        (
            "api_reference/_attributes/attributes.adoc",
            "../../_attributes/attributes.adoc",
        ),
        ("_attributes/attributes.adoc", ATTRIBUTES),
        ("modules/api-tokens.adoc", GROUP),
        ("modules/api-tokens-createToken.adoc", CREATE_TOKEN),
        ("modules/api-tokens-hidden.adoc", HIDDEN),
        ("modules/api-definitions.adoc", DEFINITIONS),
    ])
}

#[test]
fn reads_a_whole_entry() {
    let dir = good_tree();
    let parsed = parse_ok(dir.path());
    assert_eq!(kinds(&parsed), vec![], "{:#?}", parsed.diagnostics);
    let spec = &parsed.spec;
    assert_eq!(spec.source.docs_version.as_deref(), Some("3.99"));
    assert_eq!(
        spec.source.files,
        vec![
            "api_reference/master.adoc",
            "_attributes/attributes.adoc",
            "modules/api-tokens.adoc",
            "modules/api-tokens-createToken.adoc",
            "modules/api-definitions.adoc",
        ]
    );
    assert!(spec.source.content_hash.starts_with("sha256:"));
    assert_eq!(spec.groups.len(), 1);
    assert_eq!(spec.groups[0].name, "tokens");
    assert_eq!(spec.groups[0].description, "Manages Red Hat Quay tokens.");

    assert_eq!(
        spec.operations.len(),
        1,
        "the commented-out include is not read"
    );
    let op = &spec.operations[0];
    assert_eq!(op.name, "createToken");
    assert_eq!(op.group, "tokens");
    assert_eq!(op.description, "Create a token.");
    assert_eq!(op.method, Method::Post);
    assert_eq!(op.path, "/api/v1/user/{username}/token");
    assert_eq!(op.authorization.scheme.as_deref(), Some("oauth2_implicit"));
    assert_eq!(op.authorization.scopes, vec!["user:admin"]);
    assert_eq!(op.location.file, "modules/api-tokens-createToken.adoc");
    assert_eq!(op.location.line, 2);

    assert_eq!(op.path_params.len(), 1);
    assert_eq!(op.path_params[0].name, "username");
    assert!(op.path_params[0].required);
    assert_eq!(op.query_params.len(), 1);
    assert_eq!(op.query_params[0].name, "limit");
    assert!(!op.query_params[0].required);
    assert_eq!(op.query_params[0].schema, Schema::Integer);

    let body = op.body.as_ref().expect("body");
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.description, "Description of a new token.");
    assert_eq!(body.fields.len(), 2);
    assert!(body.fields[0].required);
    assert_eq!(body.fields[1].schema, Schema::array(Schema::String));
    assert_eq!(body.fields[1].constraints, vec!["non-empty", "unique"]);

    assert_eq!(op.responses.len(), 2);
    assert_eq!(op.responses[0].code, 201);
    assert_eq!(op.responses[0].schema, None);
    assert_eq!(
        op.responses[1].schema,
        Some(Schema::Ref {
            name: "ApiError".into()
        })
    );

    assert_eq!(op.examples.len(), 1);
    assert_eq!(
        op.examples[0].command,
        "$ curl -X POST \\\n// not a comment inside a listing\n  \"https://quay.example.com/api/v1/user/alice/token\""
    );
    assert_eq!(op.examples[0].output.as_deref(), Some("{\"token\": \"x\"}"));

    assert_eq!(spec.definitions.len(), 1);
    assert_eq!(spec.definitions[0].name, "ApiError");
    assert_eq!(spec.definitions[0].fields[0].schema, Schema::Integer);
}

#[test]
fn an_assembly_file_is_read_from_its_tree() {
    let dir = good_tree();
    let from_file = parse_ok(&dir.path().join("api_reference/master.adoc"));
    let from_tree = parse_ok(dir.path());
    assert_eq!(from_file.spec, from_tree.spec);
}

#[test]
fn parsing_is_deterministic() {
    let dir = good_tree();
    assert_eq!(
        parse_ok(dir.path()).spec.to_json(),
        parse_ok(dir.path()).spec.to_json()
    );
}

/// A tree with one assembly `api/master.adoc` (3.13-style) including `modules/<file>`.
fn single_entry_tree(entry: &str) -> tempfile::TempDir {
    tree(&[
        (
            "api/master.adoc",
            "= API\n\ninclude::modules/group.adoc[leveloffset=+1]\ninclude::modules/entry.adoc[leveloffset=+2]\n",
        ),
        ("api/modules", "../modules/"),
        ("modules/group.adoc", "= things\nThings.\n"),
        ("modules/entry.adoc", entry),
    ])
}

#[test]
fn discrete_headings_and_the_hard_break_marker() {
    let dir = single_entry_tree(
        "\n= getThing\nGet a thing.\n\n[discrete]\n== GET /api/v1/thing/{id}\n\n**Authorizations: **\n\n[discrete]\n== Path parameters\n\n[options=\"header\", width=100%, cols=\".^2a,.^3a,.^9a,.^4a\"]\n|===\n|Type|Name|Description|Schema\n|path|**id** + \n_required_|The id|string\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    assert_eq!(kinds(&parsed), vec![]);
    let op = &parsed.spec.operations[0];
    assert_eq!(op.group, "things");
    assert_eq!(op.path_params[0].name, "id");
    assert!(op.path_params[0].required);
    assert_eq!(op.authorization.scheme, None, "a public endpoint");
    assert!(op.authorization.text.is_empty());
}

#[test]
fn comment_blocks_hide_entries() {
    let dir = single_entry_tree(
        "////\n= oldThing\n\n== GET /api/v1/old\n////\n\n= getThing\n\n== GET /api/v1/thing\n",
    );
    let parsed = parse_ok(dir.path());
    let names: Vec<&str> = parsed
        .spec
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, vec!["getThing"]);
}

#[test]
fn entry_without_method_is_an_error() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing\n\n= brokenThing\nNo method.\n\n== Responses\n\n|===\n|HTTP Code|Description|Schema\n|200|OK|\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    let errors: Vec<&Diagnostic> = parsed.errors().collect();
    assert_eq!(errors.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(errors[0].kind, DiagnosticKind::MissingMethodPath);
    assert_eq!(errors[0].location.file, "modules/entry.adoc");
    assert_eq!(errors[0].location.line, 5);
    assert_eq!(errors[0].operation.as_deref(), Some("brokenThing"));
    assert_eq!(
        parsed.spec.operations.len(),
        1,
        "the broken entry is left out"
    );
}

#[test]
fn unknown_method_is_an_error() {
    let dir = single_entry_tree("= getThing\n\n== FETCH /api/v1/thing\n");
    let parsed = parse_ok(dir.path());
    let errors: Vec<&Diagnostic> = parsed.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, DiagnosticKind::MissingMethodPath);
    assert!(errors[0].message.contains("FETCH"), "{}", errors[0]);
}

#[test]
fn unexpected_table_columns() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing\n\n== Responses\n\n|===\n|Code|Meaning\n|200|OK\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::UnexpectedTableColumns);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(found[0].location.line, 7);
    assert!(found[0].message.contains("code|meaning"), "{}", found[0]);
    assert!(!found[0].is_error());
}

#[test]
fn malformed_rows_and_codes() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing\n\n== Responses\n\n[cols=\"1,1,1\"]\n|===\n|HTTP Code|Description|Schema\n|2xx|Fine|\n|404|Missing\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    let codes = only(&parsed, DiagnosticKind::InvalidResponseCode);
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].location.line, 10);
    let rows = only(&parsed, DiagnosticKind::MalformedTableRow);
    assert_eq!(rows.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(rows[0].location.line, 11);
    assert!(parsed.spec.operations[0].responses.is_empty());
}

#[test]
fn path_parameters_are_checked_against_the_template() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing/{id}\n\n== Path parameters\n\n|===\n|Type|Name|Description|Schema\n|path|**name**\n_required_|Name|string\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    assert_eq!(
        only(&parsed, DiagnosticKind::PathParamNotInTemplate).len(),
        1
    );
    assert_eq!(
        only(&parsed, DiagnosticKind::TemplateParamUndocumented).len(),
        1
    );
}

#[test]
fn unknown_schema_is_reported_at_its_row() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing\n\n== Responses\n\n|===\n|HTTP Code|Description|Schema\n|200|OK|{ \"token\": \"string\" }\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::UnknownSchema);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.line, 9);
}

#[test]
fn duplicate_operation_names() {
    let dir =
        single_entry_tree("= getThing\n\n== GET /api/v1/a\n\n= getThing\n\n== GET /api/v1/b\n");
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::DuplicateOperation);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.line, 5);
}

#[test]
fn fields_table_documents_the_parameters_its_heading_names() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing\n\n**Authorizations: **\n\n== Query parameters\n\n|===\n|Name|Description|Schema\n|*next_page*\n \n_optional_|Token|string\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    assert_eq!(kinds(&parsed), vec![]);
    assert_eq!(parsed.spec.operations[0].query_params[0].name, "next_page");
}

#[test]
fn entry_outside_a_group_gets_one_from_its_path() {
    let dir = tree(&[
        (
            "api/master.adoc",
            "= API\n\ninclude::entry.adoc[leveloffset=+1]\n",
        ),
        (
            "api/entry.adoc",
            "= renewToken\n\n== POST /api/v1/bootstrap/renew\n",
        ),
    ]);
    let parsed = parse_ok(dir.path());
    assert_eq!(parsed.spec.operations[0].group, "bootstrap");
    assert_eq!(parsed.spec.groups[0].name, "bootstrap");
    assert_eq!(only(&parsed, DiagnosticKind::UnexpectedContent).len(), 1);
}

#[test]
fn unresolved_include_names_file_and_line() {
    let dir = single_entry_tree("= getThing\n\n== GET /api/v1/thing\n\ninclude::missing.adoc[]\n");
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::UnresolvedInclude);
    assert_eq!(found.len(), 1);
    assert!(found[0].is_error());
    assert_eq!(found[0].location.file, "modules/entry.adoc");
    assert_eq!(found[0].location.line, 5);
    assert!(found[0].message.contains("missing.adoc"), "{}", found[0]);
}

#[test]
fn include_may_not_leave_the_tree() {
    let outer = tree(&[("secret.adoc", "= stolen\n\n== GET /api/v1/secret\n")]);
    let escape = format!(
        "include::{}[]\n",
        outer.path().join("secret.adoc").display()
    );
    let dir = single_entry_tree(&format!(
        "= getThing\n\n== GET /api/v1/thing\n\ninclude::../../../../../../../../etc/passwd[]\n{escape}"
    ));
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 2, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("etc/passwd"), "{}", found[0]);
    assert!(found[0].message.contains("outside"), "{}", found[0]);
    assert_eq!(parsed.spec.operations.len(), 1);
    assert!(!parsed
        .spec
        .source
        .files
        .iter()
        .any(|f| f.contains("secret")));
}

#[test]
fn git_symlink_out_of_the_tree_is_refused() {
    let dir = tree(&[
        (
            "api/master.adoc",
            "= API\n\ninclude::modules/entry.adoc[leveloffset=+1]\ninclude::escape/x.adoc[]\n",
        ),
        ("api/modules", "../modules/"),
        ("api/escape", "../../../"),
        (
            "modules/entry.adoc",
            "= things\n\n= getThing\n\n== GET /api/v1/thing\n",
        ),
    ]);
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(found[0].location.line, 4);
}

#[cfg(unix)]
#[test]
fn real_symlinks_inside_the_tree_are_followed_and_outside_refused() {
    let outer = tree(&[("outside.adoc", "= x\n")]);
    let dir = tree(&[
        (
            "api/master.adoc",
            "= API\n\ninclude::modules/entry.adoc[leveloffset=+1]\ninclude::out.adoc[]\n",
        ),
        (
            "modules/entry.adoc",
            "= things\n\n= getThing\n\n== GET /api/v1/thing\n",
        ),
    ]);
    std::os::unix::fs::symlink("../modules", dir.path().join("api/modules")).expect("symlink");
    std::os::unix::fs::symlink(
        outer.path().join("outside.adoc"),
        dir.path().join("api/out.adoc"),
    )
    .expect("symlink");
    let parsed = parse_ok(dir.path());
    assert_eq!(parsed.spec.operations.len(), 1);
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("out.adoc"));
}

#[test]
fn include_cycles_are_errors() {
    let dir = tree(&[
        ("api/master.adoc", "= API\n\ninclude::a.adoc[]\n"),
        (
            "api/a.adoc",
            "= things\n\n= getThing\n\n== GET /api/v1/thing\n\ninclude::b.adoc[]\n",
        ),
        ("api/b.adoc", "include::a.adoc[]\n"),
    ]);
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(found[0].location.file, "api/b.adoc");
    assert!(found[0].message.contains("cycle"), "{}", found[0]);
    assert_eq!(parsed.spec.operations.len(), 1);
}

#[test]
fn runaway_include_depth_is_an_error() {
    let depth = super::MAX_INCLUDE_DEPTH + 5;
    let mut files: Vec<(String, String)> = (0..depth)
        .map(|i| {
            (
                format!("api/d{i}.adoc"),
                format!("include::d{}.adoc[]\n", i + 1),
            )
        })
        .collect();
    files.push((format!("api/d{depth}.adoc"), String::new()));
    files.push((
        "api/master.adoc".into(),
        "= API\n\n= things\n\n= getThing\n\n== GET /api/v1/thing\n\ninclude::d0.adoc[]\n".into(),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = tree(&borrowed);
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("deeper"), "{}", found[0]);
}

#[test]
fn misspelt_include_attribute_is_reported() {
    let dir = tree(&[
        (
            "api/master.adoc",
            "= API\n\n= things\n\ninclude::e.adoc[leveoffset=+1]\n",
        ),
        ("api/e.adoc", "= getThing\n\n== GET /api/v1/thing\n"),
    ]);
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::UnexpectedContent);
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("leveoffset") && d.location.line == 5),
        "{:#?}",
        parsed.diagnostics
    );
}

#[test]
fn not_an_api_reference() {
    let dir = tree(&[("api/master.adoc", "= A guide\n\nJust prose.\n")]);
    assert!(matches!(
        parse(dir.path()),
        Err(ParseError::NotAnApiReference { .. })
    ));
    let empty = tree(&[("README", "hello")]);
    let err = parse(empty.path()).expect_err("no assembly");
    assert!(
        err.to_string().contains("api_reference/master.adoc"),
        "{err}"
    );
    assert!(matches!(
        parse(&empty.path().join("nope")),
        Err(ParseError::NotFound { .. })
    ));
}

#[test]
fn conditionals_and_attribute_references() {
    let dir = tree(&[(
        "api/master.adoc",
        ":flag:\n:group-name: things\n\n= API\n\n== {group-name}\n\nifdef::flag[]\n=== getThing\n\n==== GET /api/v1/thing/{id}\nendif::[]\nifndef::flag[]\n=== hiddenThing\n\n==== GET /api/v1/hidden\nendif::[]\nifeval::[\"{group-name}\" != \"things\"]\n=== evalHidden\n\n==== GET /api/v1/eval\nendif::[]\n",
    )]);
    let parsed = parse_ok(dir.path());
    let names: Vec<&str> = parsed
        .spec
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, vec!["getThing"]);
    assert_eq!(parsed.spec.groups[0].name, "things");
    assert_eq!(
        parsed.spec.operations[0].path, "/api/v1/thing/{id}",
        "placeholders are not attributes"
    );
}

#[test]
fn invalid_utf8_and_absurd_offsets_do_not_panic() {
    let dir = tree(&[
        (
            "api/master.adoc",
            "= API\n\n= things\n\ninclude::e.adoc[leveloffset=+2147483647]\ninclude::e.adoc[leveloffset=-2147483647]\n",
        ),
        ("api/e.adoc", "= getThing\n\n== GET /api/v1/thing\n"),
    ]);
    std::fs::write(dir.path().join("api/bad.adoc"), b"= bad\xff\xfe\n").expect("write");
    std::fs::write(
        dir.path().join("api/master.adoc"),
        "= API\n\n= things\n\ninclude::bad.adoc[]\ninclude::e.adoc[leveloffset=+2147483647]\ninclude::e.adoc[leveloffset=-2147483647]\n",
    )
    .expect("write");
    let parsed = parse_ok(dir.path());
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("UTF-8") && d.location.file == "api/bad.adoc"),
        "{:#?}",
        parsed.diagnostics
    );
    // Saturated levels put the method heading level with its name: reported, not a panic.
    assert!(parsed
        .errors()
        .all(|d| d.kind == DiagnosticKind::UnexpectedContent));
}

#[test]
fn method_heading_without_a_name_heading_is_an_error() {
    let dir = single_entry_tree("= getThing\n\n== GET /api/v1/thing\n\n= GET /api/v1/orphan\n");
    let parsed = parse_ok(dir.path());
    let errors: Vec<&Diagnostic> = parsed.errors().collect();
    assert_eq!(errors.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(errors[0].location.line, 5);
    assert!(
        errors[0].message.contains("/api/v1/orphan"),
        "{}",
        errors[0]
    );
    assert_eq!(parsed.spec.operations.len(), 1);
}

#[test]
fn a_tree_whose_includes_all_fail_says_why() {
    let dir = tree(&[(
        "api/master.adoc",
        "= API\n\ninclude::modules/gone.adoc[leveloffset=+1]\n",
    )]);
    let err = parse(dir.path()).expect_err("nothing to read");
    let message = err.to_string();
    assert!(message.contains("not an API reference"), "{message}");
    assert!(message.contains("modules/gone.adoc"), "{message}");
}

#[test]
fn typed_rows_in_a_body_section_go_where_their_type_says() {
    let dir = single_entry_tree(
        "= getThing\n\n== GET /api/v1/thing/{id}\n\n**Authorizations: **\n\n== Request body schema (application/json)\n\nStuff.\n\n|===\n|Type|Name|Description|Schema\n|path|**id**\n_required_|Id|string\n|query|**q**\n_optional_|Query|string\n|===\n",
    );
    let parsed = parse_ok(dir.path());
    assert_eq!(kinds(&parsed), vec![]);
    let op = &parsed.spec.operations[0];
    assert_eq!(op.path_params[0].name, "id");
    assert_eq!(op.query_params[0].name, "q");
    assert_eq!(op.body, None, "no body fields, so no body");
}

#[test]
fn no_request_body() {
    let dir = single_entry_tree(
        "= renew\n\n== POST /api/v1/renew\n\n== Request body\n\nNo request body.\n",
    );
    let parsed = parse_ok(dir.path());
    assert_eq!(parsed.spec.operations[0].body, None);
}

#[test]
fn git_symlink_loops_are_errors() {
    let dir = tree(&[
        (
            "api/master.adoc",
            "= API\n\n= things\n\n= getThing\n\n== GET /api/v1/thing\n\ninclude::loop/x.adoc[]\n",
        ),
        ("api/loop", "./loop/"),
    ]);
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::ForbiddenInclude);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert!(found[0].message.contains("links"), "{}", found[0]);
}

#[test]
fn guide_chapters_are_not_entries() {
    let dir = tree(&[(
        "api/master.adoc",
        "= API\n\n== Using the API\n\n=== Creating a token\n\n.Procedure\n[source,terminal]\n----\n$ curl -X GET https://quay.example.com/api/v1/user/\n----\n\n== things\nThings.\n\n=== getThing\n\n==== GET /api/v1/thing\n\nAuthorizations: oauth2_implicit (repo:read)\n",
    )]);
    let parsed = parse_ok(dir.path());
    assert_eq!(kinds(&parsed), vec![]);
    assert_eq!(parsed.spec.operations.len(), 1);
    assert_eq!(
        parsed.spec.operations[0].authorization.scopes,
        vec!["repo:read"]
    );
    assert_eq!(parsed.spec.operations[0].group, "things");
    assert!(parsed.spec.operations[0].examples.is_empty());
    let groups: Vec<&str> = parsed.spec.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, vec!["things"]);
}

#[test]
fn missing_authorizations_line_is_a_warning() {
    let dir = single_entry_tree("= getThing\n\n== GET /api/v1/thing\n");
    let parsed = parse_ok(dir.path());
    let found = only(&parsed, DiagnosticKind::UnreadableAuthorization);
    assert_eq!(found.len(), 1, "{:#?}", parsed.diagnostics);
    assert_eq!(found[0].location.line, 1);
    assert_eq!(parsed.spec.operations[0].authorization.scheme, None);
}

/// Enough entries that half are read on a second thread: what they read joins the reference in
/// document order (operations, groups on first use, diagnostics), as if read one by one.
#[test]
fn many_entries_keep_document_order() {
    let mut assembly = String::from("= Reference\n\n");
    for index in 0..70 {
        if index % 10 == 0 {
            assembly.push_str(&format!(
                "== group{}\nGroup {}.\n\n",
                index / 10,
                index / 10
            ));
        }
        assembly.push_str(&format!("=== op{index}\nOperation {index}.\n\n"));
        if index == 5 || index == 64 {
            // No method heading: an error, and the entry is left out.
            assembly.push_str("==== Responses\n\nNone.\n\n");
            continue;
        }
        assembly.push_str(&format!("==== GET /api/v1/thing{index}\n\n"));
        if index % 3 != 0 {
            assembly.push_str("**Authorizations: **oauth2_implicit (**repo:read**)\n\n");
        }
    }
    let dir = tree(&[("api/master.adoc", &assembly)]);
    let parsed = parse_ok(dir.path());
    let names: Vec<&str> = parsed
        .spec
        .operations
        .iter()
        .map(|op| op.name.as_str())
        .collect();
    let expected: Vec<String> = (0..70)
        .filter(|i| *i != 5 && *i != 64)
        .map(|i| format!("op{i}"))
        .collect();
    assert_eq!(names, expected);
    let groups: Vec<&str> = parsed.spec.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        groups,
        ["group0", "group1", "group2", "group3", "group4", "group5", "group6"]
    );
    assert_eq!(parsed.spec.operations[69 - 2].group, "group6");
    let lines: Vec<u32> = parsed.diagnostics.iter().map(|d| d.location.line).collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "diagnostics in document order");
    let missing: Vec<&str> = only(&parsed, DiagnosticKind::MissingMethodPath)
        .iter()
        .filter_map(|d| d.operation.as_deref())
        .collect();
    assert_eq!(missing, ["op5", "op64"]);
    assert_eq!(
        only(&parsed, DiagnosticKind::UnreadableAuthorization).len(),
        (0..70).filter(|i| i % 3 == 0 && *i != 64).count()
    );
}
