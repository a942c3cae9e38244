//! The file's own settings: the delegation it works for.
#![allow(clippy::unwrap_used)] // a test: a failed unwrap is a failed test

use concord_core::model::{ActorInput, ActorKind};
use concord_core::reference;
use concord_core::settings::{file_settings, set_our_delegation};
use concord_testing::store;

#[test]
fn our_delegation_is_set_shown_and_cleared() {
    let s = store();
    assert_eq!(file_settings(&s).unwrap().our_delegation_id, None);
    let kenya = reference::state_id("KEN");
    let now = set_our_delegation(&s, Some(kenya)).unwrap();
    assert_eq!(now.our_delegation_id, Some(kenya));
    assert_eq!(now.our_delegation_name.as_deref(), Some("Kenya"));
    // A group can be "us" too (an EU delegation's file).
    let eu = reference::group_id("EU");
    assert_eq!(
        set_our_delegation(&s, Some(eu)).unwrap().our_delegation_id,
        Some(eu)
    );
    assert_eq!(
        set_our_delegation(&s, None).unwrap().our_delegation_id,
        None
    );
}

#[test]
fn a_stakeholder_or_an_unknown_actor_is_refused_and_nothing_changes() {
    let mut s = store();
    let kenya = reference::state_id("KEN");
    set_our_delegation(&s, Some(kenya)).unwrap();
    let ngo = concord_core::catalog::add_actor(
        &mut s,
        &ActorInput {
            kind: ActorKind::Stakeholder,
            name: "Cyber Peace Institute".into(),
            short_name: None,
            iso3: None,
            note: None,
        },
    )
    .unwrap();
    let e = set_our_delegation(&s, Some(ngo.id)).unwrap_err();
    assert!(
        e.to_string().contains("is a stakeholder, not a delegation"),
        "{e}"
    );
    assert!(set_our_delegation(&s, Some(uuid::Uuid::now_v7())).is_err());
    assert_eq!(file_settings(&s).unwrap().our_delegation_id, Some(kenya));
}
