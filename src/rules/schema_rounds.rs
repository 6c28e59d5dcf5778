//! The schema's errors in memory bounded by the payload. jsonschema's `iter_errors` collects
//! every error of a validation before it hands out the first, about a kilobyte each: a 10 MB
//! array of three million bad items held 4.8 GB of them. A payload with long arrays (over
//! [`LONG`] items) is validated in rounds instead: each round validates a copy of the payload
//! in which every long array holds one slice of its items, and the errors are placed back at
//! the items they are about. Errors outside the long arrays are taken from the first round
//! only, errors about a long array itself (its type, its length) too. Long arrays inside the
//! items of a slice get their own rounds, the same way.

use std::ops::Range;

use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::pointer::escape_segment;

/// Arrays longer than this are validated a slice at a time.
const LONG: usize = 10_000;

/// At most this many rounds per level: an array of `n` items is sliced in `n / ROUNDS` items
/// (at least [`LONG`]), so what lies outside the long arrays is copied at most this often.
const ROUNDS: usize = 256;

/// Where an error is in the copy a round validated → where it is in the payload, or `None`
/// when another round reports it.
pub(crate) type Place<'p> = &'p dyn Fn(&str) -> Option<String>;

/// Calls `visit` with every schema error of `instance` (the error, the value it was found
/// in, and how to place its pointers in `instance`), holding the errors of one round at a
/// time.
pub(crate) fn each_error(
    validator: &Validator,
    instance: &Value,
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

/// A long array: where it is and how many items a round gives it.
struct Long {
    steps: Vec<Step>,
    pointer: String,
    len: usize,
    slice: usize,
}

/// `done`: the arrays of the enclosing level, already sliced in `instance`.
fn rounds(
    validator: &Validator,
    instance: &Value,
    done: &[String],
    visit: &mut dyn FnMut(&ValidationError<'_>, &Value, Place<'_>),
) {
    let long = long_arrays(instance, done);
    if long.is_empty() {
        for error in validator.iter_errors(instance) {
            visit(&error, instance, &|p: &str| Some(p.to_owned()));
        }
        return;
    }
    let count = long
        .iter()
        .map(|a| a.len.div_ceil(a.slice))
        .max()
        .unwrap_or(1);
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
            .map(|a| {
                let start = round * a.slice;
                if start < a.len {
                    (start..(start + a.slice).min(a.len), true)
                } else {
                    (0..a.slice.min(a.len), false)
                }
            })
            .collect();
        let copy = sliced(instance, &mut Vec::new(), &long, &ranges);
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
        rounds(validator, &copy, &pointers, &mut |error, root, inner| {
            visit(error, root, &|p: &str| inner(p).and_then(|q| place(&q)))
        });
    }
}

/// The outermost arrays of `instance` longer than [`LONG`], except those at `done`.
fn long_arrays(instance: &Value, done: &[String]) -> Vec<Long> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, Vec<Step>)> = vec![(instance, Vec::new())];
    while let Some((value, steps)) = stack.pop() {
        match value {
            Value::Array(items) => {
                if items.len() > LONG {
                    let pointer = pointer_of(&steps);
                    if !done.contains(&pointer) {
                        out.push(Long {
                            slice: (items.len() / ROUNDS).max(LONG),
                            len: items.len(),
                            steps,
                            pointer,
                        });
                        continue;
                    }
                }
                // Only items that hold containers can hold long arrays.
                for (i, item) in items.iter().enumerate() {
                    if matches!(item, Value::Array(_) | Value::Object(_)) {
                        let mut next = steps.clone();
                        next.push(Step::Index(i));
                        stack.push((item, next));
                    }
                }
            }
            Value::Object(members) => {
                for (key, member) in members {
                    if matches!(member, Value::Array(_) | Value::Object(_)) {
                        let mut next = steps.clone();
                        next.push(Step::Key(key.clone()));
                        stack.push((member, next));
                    }
                }
            }
            _ => {}
        }
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

/// A copy of `value` (at `path`) in which each long array holds only the items of its range.
/// Only what leads to a long array is walked; the rest is cloned whole.
fn sliced(
    value: &Value,
    path: &mut Vec<Step>,
    long: &[Long],
    ranges: &[(Range<usize>, bool)],
) -> Value {
    if let Some(i) = long.iter().position(|a| a.steps == *path) {
        let items = value.as_array().map_or(&[][..], Vec::as_slice);
        return Value::Array(items[ranges[i].0.clone()].to_vec());
    }
    if !long.iter().any(|a| a.steps.starts_with(path)) {
        return value.clone();
    }
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    path.push(Step::Index(i));
                    let copy = sliced(item, path, long, ranges);
                    path.pop();
                    copy
                })
                .collect(),
        ),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, member)| {
                    path.push(Step::Key(key.clone()));
                    let copy = sliced(member, path, long, ranges);
                    path.pop();
                    (key.clone(), copy)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(schema: Value, instance: &Value) -> Vec<(String, String)> {
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
        // Two long arrays of different lengths, a long array inside an item, errors at
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
            "ids": (0..10_500).map(|i| if i == 10_499 || i == 3 { Value::from(i) } else { Value::from("x") }).collect::<Vec<_>>()
        });
        let other: Vec<Value> = (0..10_001)
            .map(|i| {
                if i == 10_000 {
                    Value::from("no")
                } else {
                    Value::from(i)
                }
            })
            .collect();
        let instance = serde_json::json!({"data": data, "other": other});
        let rounds = errors_of(schema.clone(), &instance);
        assert_eq!(rounds, whole(schema, &instance));
        assert!(rounds.iter().any(|(p, _)| p == "/data/12345/ids/10499"));
        assert!(rounds.iter().any(|(p, _)| p == "/data/24995"));
        assert!(rounds.iter().any(|(p, _)| p == "/other/10000"));
        assert!(
            rounds.iter().any(|(p, _)| p.is_empty()),
            "{:?}",
            &rounds[..3]
        );
        assert_eq!(rounds.len(), 6 + 2 + 1 + 1);
    }

    #[test]
    fn a_short_payload_is_validated_once() {
        let schema = serde_json::json!({"items": {"type": "string"}});
        let instance = serde_json::json!([1, "a", 2]);
        assert_eq!(
            errors_of(schema.clone(), &instance),
            whole(schema, &instance)
        );
    }
}
