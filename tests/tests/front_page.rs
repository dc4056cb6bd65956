//! The committed client's front page (its `README.md`, also its rustdoc) has every worked
//! example: each is emitted only when the spec has what it uses, so an example that quietly
//! stopped applying (a renamed call, a field that became optional) would vanish from the page
//! without this test. The doctests then compile each of them.

use integration_tests::project_root;

#[test]
fn the_front_page_has_every_worked_example() {
    let path = project_root().join("generated-client").join("README.md");
    let page = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    for heading in [
        "### List and prune tags",
        "### Create a robot account and grant it a repository permission",
        "### Set an organization's storage quota",
    ] {
        assert!(
            page.lines().any(|line| line == heading),
            "{} lacks the worked example {heading:?}",
            path.display()
        );
    }
}
