//! Area `basics` of the scenario.

use crate::harness::Suite;
use crate::scenario::World;

pub async fn run(_suite: &mut Suite, _world: &World) {}
