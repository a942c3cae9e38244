//! The topic tree as the delegation shapes it: add, rename, move (never under itself),
//! reorder, merge two into one (positions move, each with its history entry), delete an
//! unused one.

use super::{long_text, name, not_found};
use crate::model::Topic;
use crate::store::{Store, StoreError};
use crate::text::MAX_TOPIC_DEPTH;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// What merging two topics did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TopicMerge {
    /// The topic that remains, as it now is.
    pub into: Topic,
    /// How many positions moved to it.
    #[ts(type = "number")]
    pub positions_moved: u64,
    /// How many sub-topics moved under it.
    #[ts(type = "number")]
    pub subtopics_moved: u64,
}

/// One topic by id.
pub fn topic(store: &Store, id: Uuid) -> Result<Topic, StoreError> {
    store
        .topics()?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found("topic", id))
}

fn depth(path: &str) -> usize {
    path.split('/').count()
}

/// How many levels the subtree under (and including) `id` spans.
fn height(all: &[Topic], id: Uuid) -> usize {
    1 + all
        .iter()
        .filter(|t| t.parent_id == Some(id))
        .map(|t| height(all, t.id))
        .max()
        .unwrap_or(0)
}

fn sibling_named<'a>(
    all: &'a [Topic],
    parent: Option<Uuid>,
    name: &str,
    except: Option<Uuid>,
) -> Option<&'a Topic> {
    all.iter().find(|t| {
        t.parent_id == parent && Some(t.id) != except && t.name.eq_ignore_ascii_case(name)
    })
}

fn topic_name(text: &str) -> Result<String, StoreError> {
    let n = name("name", text)?;
    if n.contains('/') {
        return Err(StoreError::invalid(
            "name",
            format!("\"{n}\" holds a \"/\", which separates the levels of a topic's path"),
        ));
    }
    Ok(n)
}

/// Adds a topic under `parent` (or at the top), after its siblings.
pub fn add_topic(
    store: &mut Store,
    parent: Option<Uuid>,
    name: &str,
    description: Option<&str>,
) -> Result<Topic, StoreError> {
    let all = store.topics()?;
    let name = topic_name(name)?;
    let description = long_text("description", description)?;
    if let Some(p) = parent {
        let parent = all
            .iter()
            .find(|t| t.id == p)
            .ok_or_else(|| StoreError::invalid("parent", "choose an existing topic"))?;
        if depth(&parent.path) >= MAX_TOPIC_DEPTH {
            return Err(StoreError::invalid(
                "parent",
                format!(
                    "\"{}\" is {MAX_TOPIC_DEPTH} levels deep already; topics go no deeper",
                    parent.path
                ),
            ));
        }
    }
    if let Some(same) = sibling_named(&all, parent, &name, None) {
        return Err(StoreError::invalid(
            "name",
            format!("there is already a topic \"{}\"", same.path),
        ));
    }
    let id = store.write(|w| w.insert_topic(parent, &name, description.as_deref()))?;
    topic(store, id)
}

/// Renames a topic; its positions and sub-topics follow.
pub fn rename_topic(store: &mut Store, id: Uuid, name: &str) -> Result<Topic, StoreError> {
    let all = store.topics()?;
    let t = all
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found("topic", id))?;
    let name = topic_name(name)?;
    if let Some(same) = sibling_named(&all, t.parent_id, &name, Some(id)) {
        return Err(StoreError::invalid(
            "name",
            format!("there is already a topic \"{}\"", same.path),
        ));
    }
    store.write(|w| w.rename_topic(id, &name))?;
    topic(store, id)
}

/// Moves a topic, with its sub-topics, under `parent` (or to the top).
pub fn move_topic(store: &mut Store, id: Uuid, parent: Option<Uuid>) -> Result<Topic, StoreError> {
    let all = store.topics()?;
    let t = all
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found("topic", id))?;
    if let Some(p) = parent {
        let target = all
            .iter()
            .find(|t| t.id == p)
            .ok_or_else(|| StoreError::invalid("parent", "choose an existing topic"))?;
        if p == id || target.path.starts_with(&format!("{}/", t.path)) {
            return Err(StoreError::invalid(
                "parent",
                format!(
                    "\"{}\" cannot go under itself or one of its own sub-topics (\"{}\")",
                    t.path, target.path
                ),
            ));
        }
        if depth(&target.path) + height(&all, id) > MAX_TOPIC_DEPTH {
            return Err(StoreError::invalid(
                "parent",
                format!(
                    "under \"{}\" its sub-topics would sit more than {MAX_TOPIC_DEPTH} levels deep",
                    target.path
                ),
            ));
        }
    }
    if let Some(same) = sibling_named(&all, parent, &t.name, Some(id)) {
        return Err(StoreError::invalid(
            "parent",
            format!(
                "there is already a topic \"{}\" there; merge the two instead",
                same.path
            ),
        ));
    }
    if t.parent_id != parent {
        store.write(|w| w.reparent_topic(id, parent))?;
    }
    topic(store, id)
}

/// Moves a topic among its siblings to `index` (0 = first); the others keep their order.
pub fn reorder_topic(store: &mut Store, id: Uuid, index: usize) -> Result<Vec<Topic>, StoreError> {
    let all = store.topics()?;
    let t = all
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found("topic", id))?;
    let mut siblings: Vec<Uuid> = all
        .iter()
        .filter(|s| s.parent_id == t.parent_id && s.id != id)
        .map(|s| s.id)
        .collect();
    siblings.insert(index.min(siblings.len()), id);
    store.write(|w| w.order_topics(&siblings))?;
    store.topics()
}

/// Merges `from` into `into`: its positions move to `into` (each with a history entry), its
/// sub-topics go under `into`, and `from` is deleted.
pub fn merge_topics(store: &mut Store, from: Uuid, into: Uuid) -> Result<TopicMerge, StoreError> {
    let all = store.topics()?;
    let a = all
        .iter()
        .find(|t| t.id == from)
        .ok_or_else(|| not_found("topic", from))?;
    let b = all
        .iter()
        .find(|t| t.id == into)
        .ok_or_else(|| not_found("topic", into))?;
    if from == into {
        return Err(StoreError::invalid("topics", "choose two different topics"));
    }
    if b.path.starts_with(&format!("{}/", a.path)) {
        return Err(StoreError::invalid(
            "topics",
            format!(
                "\"{}\" is a sub-topic of \"{}\"; merge the other way round",
                b.path, a.path
            ),
        ));
    }
    let children: Vec<&Topic> = all.iter().filter(|t| t.parent_id == Some(from)).collect();
    for child in &children {
        if let Some(same) = sibling_named(&all, Some(into), &child.name, None) {
            return Err(StoreError::invalid(
                "topics",
                format!(
                    "both have a sub-topic named \"{}\" (\"{}\"); merge those first",
                    child.name, same.path
                ),
            ));
        }
        if depth(&b.path) + height(&all, child.id) > MAX_TOPIC_DEPTH {
            return Err(StoreError::invalid(
                "topics",
                format!(
                    "\"{}\" would sit more than {MAX_TOPIC_DEPTH} levels deep",
                    child.path
                ),
            ));
        }
    }
    let subtopics_moved = children.len() as u64;
    let positions_moved = store.write(|w| w.merge_topic(from, into))?;
    Ok(TopicMerge {
        into: topic(store, into)?,
        positions_moved,
        subtopics_moved,
    })
}

/// Deletes a topic no position and no sub-topic uses.
pub fn delete_topic(store: &mut Store, id: Uuid) -> Result<(), StoreError> {
    let all = store.topics()?;
    let t = all
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| not_found("topic", id))?;
    if let Some(child) = all.iter().find(|c| c.parent_id == Some(id)) {
        return Err(StoreError::invalid(
            "topic",
            format!(
                "\"{}\" has sub-topics (\"{}\"); move or delete them first",
                t.path, child.path
            ),
        ));
    }
    store.write(|w| {
        let used = w.positions_on_topic(id)?.len();
        if used > 0 {
            return Err(StoreError::invalid(
                "topic",
                format!("{used} position(s) are recorded on \"{}\"; merge it into another topic instead", t.path),
            ));
        }
        w.delete_topic(id)
    })
}
