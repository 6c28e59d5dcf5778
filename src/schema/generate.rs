//! placeholder
use crate::kind::PayloadKind;
/// placeholder
pub fn generate(_kind: PayloadKind) -> serde_json::Value {
    serde_json::json!({})
}
/// placeholder
pub fn schema_file_name(kind: PayloadKind) -> String {
    format!("{}.schema.json", kind.name())
}
