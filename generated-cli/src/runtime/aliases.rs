//! Short names a person would type, added by hand to the generated commands
//! (`quay repo list` is `quay repository list-repos`). Each is a clap alias, so it takes exactly
//! the arguments of its command.

use clap::Command;

/// One alias: of a group (`command: None`) or of a command within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    /// The generated group command (`repository`).
    pub group: &'static str,
    /// The generated command in the group, or `None` for an alias of the group itself.
    pub command: Option<&'static str>,
    /// The alias.
    pub alias: &'static str,
}

/// Every alias.
pub const ALIASES: &[Alias] = &[
    Alias {
        group: "repository",
        command: None,
        alias: "repo",
    },
    Alias {
        group: "repository",
        command: Some("list-repos"),
        alias: "list",
    },
    Alias {
        group: "tag",
        command: Some("list-repo-tags"),
        alias: "list",
    },
    Alias {
        group: "tag",
        command: Some("delete-full-tag"),
        alias: "delete",
    },
];

/// Adds every alias whose command exists (a test checks that all do).
pub fn apply(mut root: Command) -> Command {
    for alias in ALIASES {
        if root.find_subcommand(alias.group).is_none() {
            continue;
        }
        root = root.mut_subcommand(alias.group, |group| match alias.command {
            None => group.visible_alias(alias.alias),
            Some(command) if group.find_subcommand(command).is_some() => {
                group.mut_subcommand(command, |c| c.visible_alias(alias.alias))
            }
            Some(_) => group,
        });
    }
    root
}
