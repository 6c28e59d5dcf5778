//! The schema's errors in memory bounded by the payload. jsonschema's `iter_errors` collects
//! every error of a validation before it hands out the first, about a kilobyte each, and an
//! error from inside an `anyOf` holds its own copy of the value it is about: a 10 MB array of
//! three million bad items held 4.8 GB of errors, and one of forty thousand items nested 125
//! objects deep held 1.6 GB of copies. A payload with heavy arrays (holding over [`HEAVY`]
//! values) is validated in rounds instead: the items of every heavy array are taken out of the
//! payload, each round moves one slice of them back in (a move, not a copy) and validates, and
//! the errors are placed back at the items they are about. Slices are cut by weight (the
//! values they hold), not by count, so a round's errors and copies stay small whatever the
//! items' shape. The payload is whole again after the last round. Errors outside the heavy
//! arrays are taken from the first round only, errors about a heavy array itself (its type)
//! too: its length is not the payload's in a round, which is exact only because no committed
//! schema bounds an array's length other than by `minItems: 1` or `maxItems: 0`, which every
//! non-empty slice breaks or keeps as the whole array does (a unit test holds the schemas to
//! that). Heavy arrays inside the items of a slice get their own rounds, the same way.

use std::ops::Range;

use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::pointer::escape_segment;

/// Arrays holding more than this many values (their items and all the items hold) are
/// validated a slice at a time.
const HEAVY: usize = 10_000;

/// A round gives a heavy array a slice of items holding about this many values, or a
/// [`ROUNDS`]th of its values when that is more.
const SLICE: usize = 5_000;

/// At most about this many rounds per level, so what lies outside the heavy arrays is
/// validated at most this often.
const ROUNDS: usize = 256;

/// Where an error is in the copy a round validated → where it is in the payload, or `None`
/// when another round reports it.
pub(crate) type Place<'p> = &'p dyn Fn(&str) -> Option<String>;

/// Calls `visit` with every schema error of `instance` (the error, the value it was found
/// in, and how to place its pointers in `instance`), holding the errors of one round at a
/// time.
pub(crate) fn each_error(
    validator: &Validator,
    instance: &mut Value,
    visit: &mut dyn FnMut(&ValidationError<'_>, &Value, Place<'_>),
) {
    rounds(validator, instance, &[], visit);
}

/// One step of a pointer into the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A heavy array: where it is and the items each round gives it (consecutive, in order,
/// covering all of them).
struct Heavy {
    steps: Vec<Step>,
    pointer: String,
    slices: Vec<Range<usize>>,
}

/// `done`: the arrays of the enclosing level, already sliced in `instance`.
fn rounds(
    validator: &Validator,
    instance: &mut Value,
    done: &[String],
    visit: &mut dyn FnMut(&ValidationError<'_>, &Value, Place<'_>),
) {
    let long = heavy_arrays(instance, done);
    if long.is_empty() {
        let instance = &*instance;
        for error in validator.iter_errors(instance) {
            visit(&error, instance, &|p: &str| Some(p.to_owned()));
        }
        return;
    }
    let count = long.iter().map(|a| a.slices.len()).max().unwrap_or(1);
    // The heavy arrays' items, out of the payload between rounds (the arrays are disjoint:
    // `heavy_arrays` keeps the outermost).
    let mut held: Vec<Vec<Value>> = long
        .iter()
        .map(|array| {
            array_at(instance, &array.steps)
                .map(std::mem::take)
                .unwrap_or_default()
        })
        .collect();
    let pointers: Vec<String> = done
        .iter()
        .cloned()
        .chain(long.iter().map(|a| a.pointer.clone()))
        .collect();
    for round in 0..count {
        // An array with fewer rounds keeps its first slice (never empty: its `minItems`
        // holds as in the payload), and its errors are not reported again.
        let ranges: Vec<(Range<usize>, bool)> = long
            .iter()
            .map(|a| match a.slices.get(round) {
                Some(slice) => (slice.clone(), true),
                None => (a.slices[0].clone(), false),
            })
            .collect();
        for ((array, items), (range, _)) in long.iter().zip(&mut held).zip(&ranges) {
            if let Some(slot) = array_at(instance, &array.steps) {
                slot.extend(items[range.clone()].iter_mut().map(std::mem::take));
            }
        }
        let place = |pointer: &str| -> Option<String> {
            for (a, (range, fresh)) in long.iter().zip(&ranges) {
                let Some(rest) = pointer.strip_prefix(a.pointer.as_str()) else {
                    continue;
                };
                let Some(rest) = rest.strip_prefix('/') else {
                    if rest.is_empty() {
                        // The array itself.
                        return (round == 0).then(|| pointer.to_owned());
                    }
                    continue;
                };
                if !fresh {
                    return None;
                }
                let (index, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                let index: usize = index.parse().ok()?;
                return Some(format!("{}/{}{tail}", a.pointer, index + range.start));
            }
            (round == 0).then(|| pointer.to_owned())
        };
        rounds(validator, instance, &pointers, &mut |error, root, inner| {
            visit(error, root, &|p: &str| inner(p).and_then(|q| place(&q)))
        });
        for ((array, items), (range, _)) in long.iter().zip(&mut held).zip(&ranges) {
            if let Some(slot) = array_at(instance, &array.steps) {
                for (home, item) in items[range.clone()].iter_mut().zip(slot.drain(..)) {
                    *home = item;
                }
            }
        }
    }
    for (array, items) in long.iter().zip(held) {
        if let Some(slot) = array_at(instance, &array.steps) {
            *slot = items;
        }
    }
}

/// The array at `steps` in `instance` (always there: `steps` were read from it).
fn array_at<'v>(instance: &'v mut Value, steps: &[Step]) -> Option<&'v mut Vec<Value>> {
    let mut value = instance;
    for step in steps {
        value = match (step, value) {
            (Step::Key(key), Value::Object(members)) => members.get_mut(key)?,
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    value.as_array_mut()
}

/// The outermost arrays of `instance` holding more than [`HEAVY`] values, except those at
/// `done` (whose items are searched instead), each with its slices.
fn heavy_arrays(instance: &Value, done: &[String]) -> Vec<Heavy> {
    let mut found = Vec::new();
    weigh(instance, &mut Vec::new(), done, &mut Vec::new(), &mut found);
    // `weigh` finds inner arrays before the arrays holding them; keep the outermost.
    let mut outermost: Vec<Heavy> = Vec::new();
    for heavy in found.into_iter().rev() {
        if !outermost.iter().any(|o| heavy.steps.starts_with(&o.steps)) {
            outermost.push(heavy);
        }
    }
    outermost
}

/// The number of values in `value` (itself included); every heavy array met goes to
/// `found`. `weights` is scratch space for the items' weights of the arrays being walked.
/// Recursion is as deep as the payload, which the parse bounds at 128 levels.
fn weigh(
    value: &Value,
    steps: &mut Vec<Step>,
    done: &[String],
    weights: &mut Vec<usize>,
    found: &mut Vec<Heavy>,
) -> usize {
    match value {
        Value::Array(items) => {
            let first = weights.len();
            for (i, item) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                let weight = weigh(item, steps, done, weights, found);
                steps.pop();
                weights.push(weight);
            }
            let total: usize = weights[first..].iter().sum();
            if total > HEAVY {
                let pointer = pointer_of(steps);
                if !done.contains(&pointer) {
                    found.push(Heavy {
                        steps: steps.clone(),
                        pointer,
                        slices: slices(&weights[first..], (total / ROUNDS).max(SLICE)),
                    });
                }
            }
            weights.truncate(first);
            1 + total
        }
        Value::Object(members) => {
            let mut total = 1;
            for (key, member) in members {
                if matches!(member, Value::Array(_) | Value::Object(_)) {
                    steps.push(Step::Key(key.clone()));
                    total += weigh(member, steps, done, weights, found);
                    steps.pop();
                } else {
                    total += 1;
                }
            }
            total
        }
        _ => 1,
    }
}

/// Consecutive ranges of items, each holding at least `target` values (the last may hold
/// fewer), so that there are at most about `total / target` of them.
fn slices(weights: &[usize], target: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (i, weight) in weights.iter().enumerate() {
        held += weight;
        if held >= target {
            out.push(start..i + 1);
            (start, held) = (i + 1, 0);
        }
    }
    if start < weights.len() || out.is_empty() {
        out.push(start..weights.len());
    }
    out
}

fn pointer_of(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(&escape_segment(key)),
            Step::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(schema: Value, instance: &mut Value) -> Vec<(String, String)> {
        let validator = jsonschema::validator_for(&schema).unwrap();
        let mut out = Vec::new();
        each_error(&validator, instance, &mut |error, _, place| {
            if let Some(pointer) = place(error.instance_path().as_str()) {
                out.push((pointer, error.to_string()));
            }
        });
        out.sort();
        out
    }

    fn whole(schema: Value, instance: &Value) -> Vec<(String, String)> {
        let validator = jsonschema::validator_for(&schema).unwrap();
        let mut out: Vec<(String, String)> = validator
            .iter_errors(instance)
            .map(|e| (e.instance_path().as_str().to_owned(), e.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn rounds_find_the_errors_one_validation_finds() {
        let schema = serde_json::json!({
            "type": "object",
            "required": ["id"],
            "properties": {
                "data": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["a"],
                    "properties": {"ids": {"type": "array", "items": {"type": "string"}}}
                }},
                "other": {"type": "array", "items": {"type": "integer"}}
            }
        });
        // Two heavy arrays of different lengths, a heavy array inside an item, errors at
        // the start, in the middle and at the end of each, and one outside them.
        let mut data: Vec<Value> = (0..25_003)
            .map(|i| {
                if i % 4999 == 0 {
                    serde_json::json!({"b": i})
                } else {
                    serde_json::json!({"a": i})
                }
            })
            .collect();
        data[12_345] = serde_json::json!({
            "a": 1,
            "ids": (0..60_500).map(|i| if i == 60_499 || i == 3 { Value::from(i) } else { Value::from("x") }).collect::<Vec<_>>()
        });
        let other: Vec<Value> = (0..60_001)
            .map(|i| {
                if i == 60_000 {
                    Value::from("no")
                } else {
                    Value::from(i)
                }
            })
            .collect();
        let instance = serde_json::json!({"data": data, "other": other});
        let mut moved = instance.clone();
        let rounds = errors_of(schema.clone(), &mut moved);
        assert_eq!(
            moved, instance,
            "the payload is whole again after the rounds"
        );
        assert_eq!(rounds, whole(schema, &instance));
        assert!(rounds.iter().any(|(p, _)| p == "/data/12345/ids/60499"));
        assert!(rounds.iter().any(|(p, _)| p == "/data/24995"));
        assert!(rounds.iter().any(|(p, _)| p == "/other/60000"));
        assert!(
            rounds.iter().any(|(p, _)| p.is_empty()),
            "{:?}",
            &rounds[..3]
        );
        assert_eq!(rounds.len(), 6 + 2 + 1 + 1);
    }

    #[test]
    fn the_heavy_arrays_are_the_outermost_with_slices_cut_by_weight() {
        // 30,000 items of 2 values and one item holding an array of 60,000 numbers.
        let mut data: Vec<Value> = (0..30_000).map(|i| serde_json::json!([i])).collect();
        data[7] = serde_json::json!({"inner": vec![0; 60_000]});
        let instance = serde_json::json!({"data": data, "light": vec![0; 100]});
        let heavy = heavy_arrays(&instance, &[]);
        assert_eq!(heavy.len(), 1);
        assert_eq!(heavy[0].pointer, "/data");
        // 120,001 values: slices of at least 5,000 values, the heavy item alone in one.
        assert_eq!(heavy[0].slices[0], 0..8);
        assert_eq!(heavy[0].slices[1], 8..2_508);
        assert_eq!(heavy[0].slices.last(), Some(&(27_508..30_000)));
        assert_eq!(heavy[0].slices.len(), 13);
        // Inside a sliced array, its heavy items' arrays come next.
        let inner = heavy_arrays(&instance, &["/data".to_owned()]);
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].pointer, "/data/7/inner");
        let starts: Vec<usize> = inner[0].slices.iter().map(|r| r.start).collect();
        assert_eq!(starts, (0..60_000).step_by(5_000).collect::<Vec<_>>());
    }

    #[test]
    fn slices_cover_every_item_once() {
        assert_eq!(slices(&[5, 5, 5, 5, 5], 10), vec![0..2, 2..4, 4..5]);
        assert_eq!(slices(&[30, 1], 10), vec![0..1, 1..2]);
        assert_eq!(slices(&[1, 1], 10), vec![0..2]);
        assert_eq!(slices(&[], 10), vec![0..0]);
    }

    /// Rounds show a heavy array shorter than it is; only a bound on its length could see
    /// the difference, and `minItems: 1` holds (`maxItems: 0` fails) for every non-empty
    /// slice exactly when it does for the whole array.
    #[test]
    fn no_schema_bounds_an_arrays_length_beyond_min_items_1_and_max_items_0() {
        for kind in crate::kind::PayloadKind::ALL {
            let text = crate::schema::embedded(kind);
            for keyword in ["uniqueItems", "contains", "prefixItems"] {
                assert!(
                    !text.contains(&format!("\"{keyword}\"")),
                    "{kind}: {keyword}"
                );
            }
            let document: Value = serde_json::from_str(text).unwrap();
            let mut stack = vec![&document];
            while let Some(value) = stack.pop() {
                match value {
                    Value::Object(members) => {
                        if let Some(min) = members.get("minItems") {
                            assert_eq!(min, 1, "{kind}");
                        }
                        if let Some(max) = members.get("maxItems") {
                            assert_eq!(max, 0, "{kind}");
                        }
                        stack.extend(members.values());
                    }
                    Value::Array(items) => stack.extend(items),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn a_short_payload_is_validated_once() {
        let schema = serde_json::json!({"items": {"type": "string"}});
        let instance = serde_json::json!([1, "a", 2]);
        assert_eq!(
            errors_of(schema.clone(), &mut instance.clone()),
            whole(schema, &instance)
        );
    }
}
