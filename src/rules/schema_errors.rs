//! The schema stage: the payload against its kind's compiled schema, and, only when it is
//! invalid, jsonschema's errors reduced to what a person needs (one error per place, the
//! branch of an `anyOf`/`oneOf` that matters instead of "not valid under any of the given
//! schemas"), each turned into a finding by its schema rule.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use crate::diagnostic::Collector;
use crate::kind::PayloadKind;
use crate::rules::schema as rules;
use crate::schema;
use crate::source::Locator;

/// Checks `instance` against the schema of `kind`. A valid payload costs one `is_valid`: no
/// error iteration, no span. `instance` is borrowed mutably only to be validated in rounds
/// (`schema_rounds`), and is whole again on return.
pub(crate) fn check(
    kind: PayloadKind,
    instance: &mut Value,
    locate: &Locator<'_>,
    out: &mut Collector,
) {
    let compiled = schema::compiled(kind);
    if compiled.validator.is_valid(instance) {
        return;
    }
    let (errors, more) = errors(&compiled.validator, instance);
    let instance = &*instance;
    if more > 0 {
        out.push(rules::schema_violation::not_examined(
            more,
            locate.root_start(),
        ));
    }
    let cx = Context {
        kind,
        instance,
        schema: &compiled.document,
        locate,
    };
    diagnostics(&errors, &cx, out);
}

/// What the schema found wrong at one place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SchemaErrorKind {
    /// The value's JSON type is not one of `expected`.
    Type { expected: BTreeSet<&'static str> },
    /// The value is not one of `options`; `schema_path` locates the `enum` keyword.
    Enum {
        options: Arc<[Value]>,
        schema_path: String,
    },
    /// The object lacks `properties[0]`, or (from an `anyOf` of `required`s) lacks all of
    /// `properties` where one would do; `schema_path` locates a `required` keyword.
    Required {
        properties: Vec<String>,
        schema_path: String,
    },
    /// The object has members the schema does not describe.
    Unknown {
        names: Vec<String>,
        schema_path: String,
    },
    /// The array has fewer than `limit` items.
    MinItems { limit: u64 },
    /// A string breaks `pattern`, `minLength`, `maxLength` or `format`.
    StringShape {
        keyword: &'static str,
        detail: String,
        schema_path: String,
    },
    /// Anything else, with jsonschema's message (value masked).
    Other { keyword: String, message: String },
}

impl SchemaErrorKind {
    /// Among findings at one place, the lower rank is the one a person needs.
    fn rank(&self) -> Option<u8> {
        match self {
            SchemaErrorKind::Type { .. } => Some(0),
            SchemaErrorKind::Enum { .. } => Some(1),
            SchemaErrorKind::StringShape { keyword, .. } => {
                Some(if *keyword == "pattern" { 2 } else { 3 })
            }
            SchemaErrorKind::Other { .. } => Some(4),
            // Object- and array-level findings are independent of each other.
            SchemaErrorKind::Required { .. }
            | SchemaErrorKind::Unknown { .. }
            | SchemaErrorKind::MinItems { .. } => None,
        }
    }
}

impl SchemaErrorKind {
    /// The rule whose finding this error becomes.
    fn rule(&self) -> &'static crate::rule::Rule {
        match self {
            Self::Type { .. } => &rules::wrong_type::WRONG_TYPE,
            Self::Enum { .. } => &rules::enum_value::ENUM_VALUE,
            Self::Required { .. } => &rules::missing_required::MISSING_REQUIRED,
            Self::Unknown { .. } => &rules::unknown_property::UNKNOWN_PROPERTY,
            Self::MinItems { .. } => &rules::too_few_items::TOO_FEW_ITEMS,
            Self::StringShape { .. } => &rules::invalid_string::INVALID_STRING,
            Self::Other { .. } => &rules::schema_violation::SCHEMA_VIOLATION,
        }
    }
}

/// One finding at a JSON Pointer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SchemaError {
    pub pointer: String,
    pub kind: SchemaErrorKind,
}

/// Runs the validator's full error iteration and reduces it to the findings that matter.
/// At most this many schema errors are examined per payload; the others are only counted
/// (a 10 MB array of wrong items holds millions, and each costs memory until reported).
pub(crate) const MAX_SCHEMA_ERRORS: usize = 50_000;

/// The schema's errors, one per place, and how many more there were past
/// [`MAX_SCHEMA_ERRORS`].
fn errors(validator: &jsonschema::Validator, instance: &mut Value) -> (Vec<SchemaError>, usize) {
    let mut out = Vec::new();
    let mut examined = 0usize;
    let mut more = 0usize;
    // In rounds over long arrays (`schema_rounds`): only one round's errors are held.
    super::schema_rounds::each_error(validator, instance, &mut |error, root, place| {
        if place(error.instance_path().as_str()).is_none() {
            return;
        }
        if examined == MAX_SCHEMA_ERRORS {
            more += 1;
            return;
        }
        examined += 1;
        let mut found = Vec::new();
        collect(error, root, &mut found);
        out.extend(found.into_iter().filter_map(|e| {
            Some(SchemaError {
                pointer: place(&e.pointer)?,
                kind: e.kind,
            })
        }));
    });
    (one_per_place(out), more)
}

/// The options of one `enum` keyword, shared by every error about it: a payload within the
/// size limit can hold 50,000 errors against the 43 `reasonLost` codes, and a copy each cost
/// 2,000 times the payload's size.
fn shared_options(schema_path: &str, options: &[Value]) -> Arc<[Value]> {
    static SHARED: LazyLock<Mutex<HashMap<String, Arc<[Value]>>>> = LazyLock::new(Default::default);
    let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    match shared.get(schema_path) {
        // The same place in two kinds' schemas holds the same codes (the schemas come from
        // the same types); compared all the same.
        Some(known) if known[..] == *options => Arc::clone(known),
        Some(_) => options.into(),
        None => {
            let new: Arc<[Value]> = options.into();
            shared.insert(schema_path.to_owned(), Arc::clone(&new));
            new
        }
    }
}

fn collect(error: &ValidationError<'_>, root: &Value, out: &mut Vec<SchemaError>) {
    let pointer = error.instance_path().as_str();
    let kind = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            return collect_branches(pointer, context, root, out);
        }
        ValidationErrorKind::Type { kind } => SchemaErrorKind::Type {
            expected: match kind {
                TypeKind::Single(ty) => BTreeSet::from([type_name(*ty)]),
                TypeKind::Multiple(set) => set.iter().map(type_name).collect(),
            },
        },
        ValidationErrorKind::Enum { options } => SchemaErrorKind::Enum {
            options: shared_options(
                error.schema_path().as_str(),
                options.as_array().map_or(&[][..], Vec::as_slice),
            ),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::Constant { expected_value } => SchemaErrorKind::Enum {
            options: shared_options(
                error.schema_path().as_str(),
                std::slice::from_ref(expected_value),
            ),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::Required { property } => SchemaErrorKind::Required {
            properties: vec![property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned)],
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => SchemaErrorKind::Unknown {
            names: unexpected.clone(),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::MinItems { limit } => SchemaErrorKind::MinItems { limit: *limit },
        ValidationErrorKind::Pattern { pattern } => SchemaErrorKind::StringShape {
            keyword: "pattern",
            detail: pattern.clone(),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::MinLength { limit } => SchemaErrorKind::StringShape {
            keyword: "minLength",
            detail: limit.to_string(),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::MaxLength { limit } => SchemaErrorKind::StringShape {
            keyword: "maxLength",
            detail: limit.to_string(),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        ValidationErrorKind::Format { format } => SchemaErrorKind::StringShape {
            keyword: "format",
            detail: format.clone(),
            schema_path: error.schema_path().as_str().to_owned(),
        },
        other => SchemaErrorKind::Other {
            keyword: other.keyword().to_owned(),
            message: error.masked().to_string(),
        },
    };
    out.push(SchemaError {
        pointer: pointer.to_owned(),
        kind,
    });
}

/// An `anyOf`/`oneOf` failed: report the branch the value was meant for. A branch whose type
/// does not even fit the value (the `null` branch of a nullable field, the `string` branch of
/// an object...) is not it; of the others, the one with the fewest findings is. When no branch
/// fits the value's type, the finding is a type error naming every type the branches allow.
fn collect_branches(
    pointer: &str,
    branches: &[Vec<ValidationError<'static>>],
    root: &Value,
    out: &mut Vec<SchemaError>,
) {
    let instance = crate::pointer::lookup(root, pointer);
    let mut best: Option<Vec<SchemaError>> = None;
    let mut expected = BTreeSet::new();
    let mut alternatives: Option<(Vec<String>, String)> = Some((Vec::new(), String::new()));
    for branch in branches {
        let mut found = Vec::new();
        for error in branch {
            collect(error, root, &mut found);
        }
        // `anyOf: [{required: [a]}, {required: [b]}]` means "a or b": say that, once.
        alternatives = match (alternatives, found.as_slice()) {
            (
                Some((mut names, _)),
                [SchemaError {
                    pointer: p,
                    kind:
                        SchemaErrorKind::Required {
                            properties,
                            schema_path,
                        },
                }],
            ) if p == pointer => {
                names.extend(properties.iter().cloned());
                Some((names, schema_path.clone()))
            }
            _ => None,
        };
        let mut misfit = false;
        for finding in found.iter().filter(|f| f.pointer == pointer) {
            match &finding.kind {
                SchemaErrorKind::Type { expected: types } => {
                    misfit = true;
                    expected.extend(types);
                }
                SchemaErrorKind::Enum { options, .. }
                    if instance.is_some_and(|v| !options.iter().any(|o| same_type(o, v))) =>
                {
                    misfit = true;
                    expected.extend(options.iter().map(value_type_name));
                }
                _ => {}
            }
        }
        if !misfit && best.as_ref().is_none_or(|b| found.len() < b.len()) {
            best = Some(found);
        }
    }
    if let Some((properties, schema_path)) = alternatives.filter(|(names, _)| names.len() > 1) {
        out.push(SchemaError {
            pointer: pointer.to_owned(),
            kind: SchemaErrorKind::Required {
                properties,
                schema_path,
            },
        });
        return;
    }
    match best {
        Some(found) => out.extend(found),
        None => out.push(SchemaError {
            pointer: pointer.to_owned(),
            kind: SchemaErrorKind::Type { expected },
        }),
    }
}

/// Keeps, at each place, the one value-level finding a person needs (a wrong type hides the
/// enum and pattern errors at the same place), and drops exact repeats.
fn one_per_place(findings: Vec<SchemaError>) -> Vec<SchemaError> {
    // The findings kept at each pointer (indices into `kept`): a payload with many findings
    // (an array of 100,000 wrong items) is reduced in linear time, not by scanning every
    // kept finding for each new one.
    let mut kept: Vec<SchemaError> = Vec::with_capacity(findings.len());
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    for finding in findings {
        let here = at.get(&finding.pointer).map_or(&[][..], Vec::as_slice);
        if here.iter().any(|&i| kept[i] == finding) {
            continue;
        }
        if let Some(rank) = finding.kind.rank() {
            if let Some(&i) = here.iter().find(|&&i| kept[i].kind.rank().is_some()) {
                if rank < kept[i].kind.rank().unwrap_or(u8::MAX) {
                    kept[i] = finding;
                }
                continue;
            }
        }
        at.entry(finding.pointer.clone())
            .or_default()
            .push(kept.len());
        kept.push(finding);
    }
    kept
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

pub(crate) fn type_name(ty: JsonType) -> &'static str {
    match ty {
        JsonType::Null => "null",
        JsonType::Boolean => "boolean",
        JsonType::Integer => "integer",
        JsonType::Number => "number",
        JsonType::String => "string",
        JsonType::Array => "array",
        JsonType::Object => "object",
    }
}

pub(crate) fn value_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// What a rule needs to turn a finding into a diagnostic.
pub(crate) struct Context<'a> {
    pub kind: PayloadKind,
    pub instance: &'a Value,
    pub schema: &'static Value,
    pub locate: &'a Locator<'a>,
}

impl Context<'_> {
    /// The subschema holding the keyword at `schema_path` (e.g. the object schema of a
    /// `/…/required` location).
    pub fn subschema_of_keyword(&self, schema_path: &str) -> Option<&'static Value> {
        let parent = &schema_path[..schema_path.rfind('/')?];
        crate::pointer::lookup(self.schema, parent)
    }
}

/// Turns schema errors into findings, each built by its rule; past the per-rule cap they are
/// only counted (a finding costs a span, a message and a did-you-mean).
fn diagnostics(findings: &[SchemaError], cx: &Context<'_>, out: &mut crate::diagnostic::Collector) {
    for finding in findings {
        let pointer = finding.pointer.as_str();
        let rule = finding.kind.rule();
        if !out.wants(rule.code) {
            match &finding.kind {
                SchemaErrorKind::Unknown { names, .. } => {
                    names.iter().for_each(|_| out.count(rule.code))
                }
                _ => out.count(rule.code),
            }
            continue;
        }
        match &finding.kind {
            SchemaErrorKind::Type { expected } => {
                out.push(rules::wrong_type::diagnostic(pointer, expected, cx))
            }
            SchemaErrorKind::Enum {
                options,
                schema_path,
            } => out.push(rules::enum_value::diagnostic(
                pointer,
                options,
                schema_path,
                cx,
            )),
            SchemaErrorKind::Required {
                properties,
                schema_path,
            } => out.push(rules::missing_required::diagnostic(
                pointer,
                properties,
                schema_path,
                cx,
            )),
            SchemaErrorKind::Unknown { names, schema_path } => {
                rules::unknown_property::report(pointer, names, schema_path, cx, out)
            }
            SchemaErrorKind::MinItems { limit } => {
                out.push(rules::too_few_items::diagnostic(pointer, *limit, cx))
            }
            SchemaErrorKind::StringShape {
                keyword,
                detail,
                schema_path,
            } => out.push(rules::invalid_string::diagnostic(
                pointer,
                keyword,
                detail,
                schema_path,
                cx,
            )),
            SchemaErrorKind::Other { keyword, message } => out.push(
                rules::schema_violation::diagnostic(pointer, keyword, message, cx),
            ),
        }
    }
}
