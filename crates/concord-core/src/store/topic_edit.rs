//! The writes that reshape the topic tree: add, rename, move, reorder, merge, delete. SQL
//! only; `crate::catalog::topics` checks the rules first. The tree's own guards (no topic
//! under itself, one name per parent) are triggers and indexes of the schema, so they hold
//! for merged change sets too.

use super::writer::Writer;
use super::StoreError;
use rusqlite::params;
use uuid::Uuid;

impl Writer<'_> {
    /// Adds a topic at the end of its parent's children; returns its id.
    pub(crate) fn insert_topic(
        &mut self,
        parent: Option<Uuid>,
        name: &str,
        description: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let parent_key = parent.map_or_else(String::new, |p| p.to_string());
        let id = self.natural_id_in("topic", &format!("{parent_key}/{name}"))?;
        let now = self.now();
        self.tx.execute(
            "INSERT INTO topic (id, parent_id, name, ordinal, description, changed_by, updated_at)
             VALUES (?1, ?2, ?3,
               (SELECT coalesce(max(ordinal), 0) + 1 FROM topic
                 WHERE coalesce(parent_id, x'') = coalesce(?2, x'')), ?4, ?5, ?6)",
            params![id, parent, name, description, self.installation, now],
        )?;
        Ok(id)
    }

    /// Renames a topic.
    pub(crate) fn rename_topic(&mut self, id: Uuid, name: &str) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE topic SET name = ?2, changed_by = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, name, self.installation, now],
        )?;
        Ok(())
    }

    /// Puts a topic under another (or at the top), last among its new siblings.
    pub(crate) fn reparent_topic(
        &mut self,
        id: Uuid,
        parent: Option<Uuid>,
    ) -> Result<(), StoreError> {
        let now = self.now();
        self.tx.execute(
            "UPDATE topic SET parent_id = ?2,
               ordinal = (SELECT coalesce(max(ordinal), 0) + 1 FROM topic
                           WHERE coalesce(parent_id, x'') = coalesce(?2, x'')),
               changed_by = ?3, updated_at = ?4
             WHERE id = ?1",
            params![id, parent, self.installation, now],
        )?;
        Ok(())
    }

    /// Numbers siblings 1, 2, 3… in the order given.
    pub(crate) fn order_topics(&mut self, ids: &[Uuid]) -> Result<(), StoreError> {
        let now = self.now();
        let mut stmt = self.tx.prepare_cached(
            "UPDATE topic SET ordinal = ?2, changed_by = ?3, updated_at = ?4
             WHERE id = ?1 AND ordinal <> ?2",
        )?;
        for (i, id) in ids.iter().enumerate() {
            stmt.execute(params![id, i as i64 + 1, self.installation, now])?;
        }
        Ok(())
    }

    /// The positions recorded on a topic.
    pub(crate) fn positions_on_topic(&self, topic: Uuid) -> Result<Vec<Uuid>, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id FROM position WHERE topic_id = ?1 ORDER BY rowid")?;
        let ids = stmt
            .query_map([topic], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Moves every position of `from` to `into`, each with its history entry; then the
    /// children of `from` under `into`, and deletes `from`. Returns how many positions moved.
    pub(crate) fn merge_topic(&mut self, from: Uuid, into: Uuid) -> Result<u64, StoreError> {
        let positions = self.positions_on_topic(from)?;
        for &id in &positions {
            let before = self.snapshot(id)?;
            let now = self.now();
            self.tx
                .prepare_cached(
                    "UPDATE position SET topic_id = ?2, changed_by = ?3, updated_at = ?4
                     WHERE id = ?1",
                )?
                .execute(params![id, into, self.installation, now])?;
            self.record_history(id, "update", before, now)?;
        }
        let children: Vec<Uuid> = {
            let mut stmt = self
                .tx
                .prepare("SELECT id FROM topic WHERE parent_id = ?1 ORDER BY ordinal, name")?;
            let ids = stmt
                .query_map([from], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            ids
        };
        for child in children {
            self.reparent_topic(child, Some(into))?;
        }
        self.delete_topic(from)?;
        Ok(positions.len() as u64)
    }

    /// Deletes a topic that no position, sub-topic or row refers to.
    pub(crate) fn delete_topic(&mut self, id: Uuid) -> Result<(), StoreError> {
        self.tx.execute("DELETE FROM topic WHERE id = ?1", [id])?;
        self.mark_removed(id, "topic")
    }
}
