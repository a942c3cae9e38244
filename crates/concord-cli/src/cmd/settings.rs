//! `concord settings`: what the file knows about itself — the delegation it works for.

use crate::failure::Failure;
use crate::names::Names;
use clap::Args;
use concord_core::settings::{file_settings, set_our_delegation};
use concord_core::Store;

#[derive(Args)]
pub struct SettingsArgs {
    /// The State, organization or group this file works for ("us" in views and exports).
    #[arg(long, value_name = "ACTOR", conflicts_with = "clear_our")]
    our: Option<String>,
    /// Forget which delegation this file works for.
    #[arg(long)]
    clear_our: bool,
}

pub fn settings(store: &Store, a: SettingsArgs) -> Result<(), Failure> {
    let now = if let Some(our) = &a.our {
        let id = Names::load(store)?.actor_named(our)?;
        set_our_delegation(store, Some(id))?
    } else if a.clear_our {
        set_our_delegation(store, None)?
    } else {
        file_settings(store)?
    };
    match now.our_delegation_name {
        Some(name) => println!("our delegation: {name}"),
        None => println!("our delegation: not set (concord settings --our ACTOR)"),
    }
    Ok(())
}
