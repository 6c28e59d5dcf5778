//! [`Nullable`]: a member that may be absent, `null`, or hold a value.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A member that the spec declares nullable: it may be absent, explicitly `null`, or hold a
/// value. Unlike `Option<T>`, it keeps absent and `null` apart, so that a payload deserialized
/// into a model serializes back to the same JSON.
///
/// Use it on a field with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`:
/// a missing member deserializes to [`Nullable::Absent`] (the default) and is not written back;
/// `null` becomes [`Nullable::Null`] and is written back as `null`.
///
/// Its JSON Schema is the one of `Option<T>`: the member is not required and its schema also
/// accepts `null` (`{"type": ["string", "null"]}` for a string).
///
/// ```
/// use api4p_lint::model::Nullable;
///
/// let name: Nullable<String> = serde_json::from_str("null").unwrap();
/// assert!(name.is_null());
/// assert_eq!(Nullable::Value("ACME").into_option(), Some("ACME"));
/// assert_eq!(Nullable::<u8>::default(), Nullable::Absent);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Nullable<T> {
    /// The member is not in the payload.
    #[default]
    Absent,
    /// The member is in the payload with the value `null`.
    Null,
    /// The member is in the payload with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the member is absent (used by `skip_serializing_if`).
    pub const fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the member is an explicit `null`.
    pub const fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the member holds a value.
    pub const fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if any (absent and `null` both give `None`).
    pub const fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Borrows the value: `Nullable<T>` to `Nullable<&T>`.
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// The value, if any, by value (absent and `null` both give `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Applies `f` to the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(f(value)),
        }
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some(v)` becomes [`Nullable::Value`], `None` an explicit [`Nullable::Null`].
    fn from(option: Option<T>) -> Self {
        match option {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Absent members are skipped by `skip_serializing_if`; if a caller forgot it, `null`
            // is the closest JSON.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Nullable::from)
    }
}

impl<T: JsonSchema> JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Option::<T>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("api4p_lint::model::Nullable<{}>", T::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Option::<T>::json_schema(generator)
    }
}
