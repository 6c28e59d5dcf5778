//! The one parse of a payload: serde_json decides what is valid JSON, and we notice
//! duplicate keys on the way (serde_json keeps the last value silently) without a second pass.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A parsed payload.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub value: Value,
    /// Some object had the same key twice; the span index finds where.
    pub has_duplicates: bool,
}

/// Parses JSON text exactly as `serde_json::from_str::<Value>` does (same grammar, same
/// 128-level depth limit, same numbers), and records whether any object repeated a key.
pub(crate) fn parse(json: &str) -> Result<Parsed, serde_json::Error> {
    let duplicates = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(json);
    let value = ValueSeed(&duplicates).deserialize(&mut de)?;
    de.end()?;
    Ok(Parsed {
        value,
        has_duplicates: duplicates.get(),
    })
}

#[derive(Clone, Copy)]
struct ValueSeed<'f>(&'f Cell<bool>);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        // A `Vec` grows by doubling: without this, a payload of many small arrays (`[[[[…`)
        // keeps room for four values behind every one-item array.
        items.shrink_to_fit();
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            if members.insert(key, value).is_some() {
                self.0.set(true);
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_serde_json() {
        for text in [
            r#"{"a": [1, -2, 3.5, true, null, "x\u00e9"], "b": {}}"#,
            "[]",
            "0",
            r#""s""#,
            "18446744073709551615",
            "-9223372036854775808",
            "1e300",
        ] {
            let ours = parse(text).unwrap();
            assert_eq!(ours.value, serde_json::from_str::<Value>(text).unwrap());
            assert!(!ours.has_duplicates);
        }
        for bad in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "1e400",
            "nul",
            "[1] x",
            "\u{feff}{}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
            assert!(serde_json::from_str::<Value>(bad).is_err());
        }
    }

    #[test]
    fn notices_duplicate_keys_and_keeps_the_last() {
        let parsed = parse(r#"{"a": {"b": 1, "b": 2}}"#).unwrap();
        assert!(parsed.has_duplicates);
        assert_eq!(parsed.value["a"]["b"], 2);
    }

    #[test]
    fn stops_at_the_same_depth_as_serde_json() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep).is_err());
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&ok).is_ok());
        // Exactly: 127 levels pass, 128 do not.
        let deepest = "[".repeat(127) + &"]".repeat(127);
        assert!(parse(&deepest).is_ok());
        let one_more = "[".repeat(128) + &"]".repeat(128);
        assert!(parse(&one_more).is_err());
    }
}
