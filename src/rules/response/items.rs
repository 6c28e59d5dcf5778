//! Walking the order family's responses: the items of `data`, an order's license charge
//! conditions and their breakdown items, the price lists of a country. Lenient readers:
//! whatever is not an array of objects is skipped (the schema rules report it).
//!
//! Pointers are built by the caller, and only for a finding: a valid payload walks without
//! allocating.

use serde_json::{Map, Value};

/// An object's member as an array of objects, with each object's index; nothing when the
/// member is missing or not an array, and objects only.
pub(crate) fn objects<'a>(
    parent: &'a Map<String, Value>,
    member: &str,
) -> impl Iterator<Item = (usize, &'a Map<String, Value>)> {
    parent
        .get(member)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, v)| Some((i, v.as_object()?)))
}

/// The objects of the payload's top-level `data` array, with their indexes.
pub(crate) fn data(root: &Value) -> impl Iterator<Item = (usize, &Map<String, Value>)> {
    root.as_object()
        .into_iter()
        .flat_map(|r| objects(r, "data"))
}

/// A breakdown item of the order GET: where it is and its members.
pub(crate) struct BreakdownItem<'a> {
    /// Index in `data`.
    pub order: usize,
    /// Index in the order's `licenseChargeConditions`.
    pub condition: usize,
    /// Index in the condition's `licenseChargeBreakdown`.
    pub item: usize,
    /// Its members.
    pub members: &'a Map<String, Value>,
}

impl BreakdownItem<'_> {
    /// `/data/0/licenseChargeConditions/1/licenseChargeBreakdown/2`, plus `/member` when given.
    pub fn pointer(&self, member: &str) -> String {
        let base = format!(
            "{}/licenseChargeBreakdown/{}",
            condition(self.order, self.condition),
            self.item
        );
        if member.is_empty() {
            base
        } else {
            format!("{base}/{member}")
        }
    }
}

/// The order GET's license charge conditions: (order index, condition index, members).
pub(crate) fn conditions(
    root: &Value,
) -> impl Iterator<Item = (usize, usize, &Map<String, Value>)> {
    data(root).flat_map(|(order, item)| {
        objects(item, "licenseChargeConditions").map(move |(c, members)| (order, c, members))
    })
}

/// Every breakdown item of every condition of every order.
pub(crate) fn breakdown(root: &Value) -> impl Iterator<Item = BreakdownItem<'_>> {
    conditions(root).flat_map(|(order, condition, members)| {
        objects(members, "licenseChargeBreakdown").map(move |(item, members)| BreakdownItem {
            order,
            condition,
            item,
            members,
        })
    })
}

/// `/data/0/licenseChargeConditions/1`.
pub(crate) fn condition(order: usize, condition: usize) -> String {
    format!("/data/{order}/licenseChargeConditions/{condition}")
}
