//! The order domain: the orders search request and response, and the order GET response
//! (`/order/api4partners/v0/orders`).
//!
//! The search and the GET return orders in the same envelope (`{data: [...], info, error?}`,
//! `data` always an array), with two item types: [`OrderSummary`] in a search,
//! [`OrderDetails`] in a GET. The spec spells the PO-receipt date differently in each
//! (`dsRecievedPoDate` in the search, `dsReceivedPoDate` in the GET); each model keeps its own
//! kind's spelling.

use serde::{Deserialize, Serialize};
use serde_json::Number;

use schemars::JsonSchema;

use super::amount::Amount;
use super::lead_opportunity::Currency;
use super::order_enums::{
    DsOffering, InflationException, LocalTimeZone, OnlineConsentStatus, OrderErrorType,
    OrderProcessingStatus, OrderRevenueType, OrderType, ProductType, RecurringChargeBillingCycle,
    SubOrderType, TransactionType,
};

/// Request body of the orders search (`POST /order/api4partners/v0/orders/search`, spec
/// component `orders_search_req`).
///
/// At least one of the six criteria is required (`transactionType` alone is not enough); the
/// criteria are combined with AND. Every member is optional, so `Default` and struct update
/// syntax build one:
///
/// ```
/// use api4p_lint::model::{DateTimeWindow, SearchOrdersRequest};
///
/// let request = SearchOrdersRequest {
///     creation_date_time: Some(DateTimeWindow::from("2025-05-21T00:00:00Z")),
///     ..Default::default()
/// };
/// api4p_lint::validate::check(&request)?;
/// # Ok::<(), api4p_lint::validate::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(extend("anyOf" = [
    { "required": ["creationDateTime"] },
    { "required": ["bookingDateTime"] },
    { "required": ["lastUpdateDateTime"] },
    { "required": ["installedBaseNumber"] },
    { "required": ["onlineInstanceSeatId"] },
    { "required": ["billToPoReferences"] },
]))]
pub struct SearchOrdersRequest {
    /// Returns orders created within a specified time range, using the `Creation` timestamp.
    ///
    /// The maximum time window allowed for the search is **7 days** (calculated time to time). Including this tag prompts the system to perform validations and automatically compute the `from` or `to` timestamp if either is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DateTimeWindow")]
    pub creation_date_time: Option<DateTimeWindow>,
    /// Returns orders booked within a specified time range, using the `Booking` timestamp (when the order was approved by the Finance Department).
    ///
    /// The maximum time window allowed for the search is **7 days** (calculated time to time). Including this tag prompts the system to perform validations and automatically compute the `from` or `to` timestamp if either is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DateTimeWindow")]
    pub booking_date_time: Option<DateTimeWindow>,
    /// Indicates the timestamp of the most recent update to the order.
    ///
    /// The maximum time window allowed for the search is **3 days** (calculated time to time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DateTimeWindow")]
    pub last_update_date_time: Option<DateTimeWindow>,
    /// A unique identifier for the installed base, representing the total number of software licenses that have been issued to a Final Customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 40))]
    pub installed_base_number: Option<String>,
    /// Unique identifier assigned to a 3DEXPERIENCE platform instance (the **Online Instance ID**, also used as the **Seat ID**): a combination of letters and numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 15))]
    pub online_instance_seat_id: Option<String>,
    /// List of partner order references.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PoReference>", length(min = 1))]
    pub bill_to_po_references: Option<Vec<String>>,
    /// Order type (one of: `PO`, `RN`). If left unspecified, records of both transaction types will be included in the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "TransactionType")]
    pub transaction_type: Option<TransactionType>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One item of `billToPoReferences`: at most 60 characters (schema only).
#[derive(JsonSchema)]
#[schemars(inline)]
#[allow(dead_code)]
struct PoReference(
    /// Must be a string with a maximum length of 60 characters.
    #[schemars(length(max = 60))]
    String,
);

/// A time window of the orders search: `from`, `to` or both (at least one is required). DS
/// computes a missing bound from the other and the criterion's maximum window.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(extend("anyOf" = [
    { "required": ["from"] },
    { "required": ["to"] },
]))]
pub struct DateTimeWindow {
    /// A timestamp in UTC, following the ISO 8601 standard. It must not be set in the future. If not provided, the system will automatically calculate it by subtracting the maximum number of days specified for the time range defined for the parent search criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub from: Option<String>,
    /// A timestamp in UTC, following the ISO 8601 standard. If the `from` timestamp is specified, this value must be later than `from`. If not provided, the system will automatically calculate this value by adding the maximum number of days specified for the time range defined for the parent search criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub to: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl DateTimeWindow {
    /// A window from `from` to whatever DS computes (`from` plus the criterion's maximum).
    pub fn starting(from: impl Into<String>) -> Self {
        DateTimeWindow {
            from: Some(from.into()),
            ..Default::default()
        }
    }

    /// A window from `from` to `to`.
    pub fn between(from: impl Into<String>, to: impl Into<String>) -> Self {
        DateTimeWindow {
            from: Some(from.into()),
            to: Some(to.into()),
            ..Default::default()
        }
    }
}

impl From<&str> for DateTimeWindow {
    /// A window starting at the given date-time ([`DateTimeWindow::starting`]).
    fn from(from: &str) -> Self {
        DateTimeWindow::starting(from)
    }
}

/// Metadata of an order-family response (spec component `info`): execution status and result
/// summary. `success` and `statusCode` are required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderInfo {
    /// Indicates whether the API request was executed successfully.
    pub success: bool,
    /// HTTP status code corresponding to the response.
    pub status_code: i64,
    /// Estimated number of results matching the search criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub estimated_search_count: Option<i64>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One error of an order-family response's `error` array (spec component `error`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderError {
    /// A URI identifying the specific type of error (`errors:<domain>:<error_type>`).
    #[serde(rename = "type")]
    pub error_type: OrderErrorType,
    /// A user-friendly error message, typically localized (NLS-supported), describing the general nature of the error.
    pub title: String,
    /// A list of individual validation or processing errors related to the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<OrderErrorItem>")]
    pub errors: Option<Vec<OrderErrorItem>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Details of a single error instance of an [`OrderError`].
///
/// `pointer` names a query or path parameter of the request (`#/Top`, `#/transactionId`), not a
/// place in a payload: the linter never resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderErrorItem {
    /// A human-readable message offering guidance to resolve the specific error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub detail: Option<String>,
    /// A JSON Pointer indicating the location of the field in the request payload where the error occurred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub pointer: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Response body of a successful orders search (`POST /order/api4partners/v0/orders/search`,
/// 200, spec component `200_post_orders_search`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchOrdersResponse {
    /// List of orders retrieved during the search operation.
    pub data: Vec<OrderSummary>,
    /// Metadata section of the response providing execution status and result summary.
    pub info: OrderInfo,
    /// An array containing one or more error objects identified during the request processing (empty on success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<OrderError>")]
    pub error: Option<Vec<OrderError>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Response body of a successful order GET (`GET /order/api4partners/v0/orders/{id}`, 200,
/// spec component `200_get_orders`): `data` is an array holding the order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetOrderResponse {
    /// The order (an array of at most one).
    pub data: Vec<OrderDetails>,
    /// Metadata section of the response providing execution status and result summary.
    pub info: OrderInfo,
    /// An array containing one or more error objects identified during the request processing (empty on success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<OrderError>")]
    pub error: Option<Vec<OrderError>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Transactional details of the order (spec component `transaction`). No member is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// Unique identifier of the order. Can represent a Purchase Order or a Renewal Notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 13))]
    pub id: Option<String>,
    /// Order type (one of: `PO`, `RN`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "TransactionType")]
    pub transaction_type: Option<TransactionType>,
    /// Current processing status of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "OrderProcessingStatus")]
    pub status: Option<OrderProcessingStatus>,
    /// Short description given to the Purchase Order / Renewal Notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 30))]
    pub description: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Details of the sales business unit (spec component `business_unit`). Every member is
/// required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BusinessUnit {
    /// Unique identifier of the sales business unit.
    #[schemars(length(min = 5, max = 5))]
    pub id: String,
    /// Name of the sales business unit.
    #[schemars(length(max = 25))]
    pub name: String,
    /// Time zone abbreviation used by the sales business unit.
    pub local_timezone: LocalTimeZone,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A company: the Bill To or the Sold To site of an order (spec component `legal_entity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LegalEntity {
    /// A unique identifier for the company. The value will be within the Legal Entity Family.
    #[schemars(length(max = 15))]
    pub id: String,
    /// The registered name of the company in English.
    #[schemars(length(max = 120))]
    pub name: String,
    /// The registered name of the company in the local language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 120))]
    pub local_name: Option<String>,
    /// A unique identifier representing the company's location. Must be an integer between 1 and 999.
    #[schemars(range(min = 1, max = 999))]
    pub location_id: i64,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Summary information for a single order, as the orders search returns it (an item of spec
/// component `orders_search_data`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    /// Transactional details of the order.
    pub transaction: Transaction,
    /// Details of the sales business unit.
    pub business_unit: BusinessUnit,
    /// Legal entity to which Dassault Systèmes will issue the invoice (Bill To).
    pub bill_to_site: LegalEntity,
    /// Legal entity of the company that is the Final Customer of Dassault Systèmes products (Sold To).
    pub sold_to_site: LegalEntity,
    /// UTC timestamp when the order was created in the system. Format: ISO 8601 UTC (e.g., `2025-05-21T14:30:00Z`).
    #[schemars(extend("format" = "date-time"))]
    pub creation_date_time: String,
    /// Date when the order was received by Dassault Systèmes, in ISO 8601 format (YYYY-MM-DD). Spelled `dsRecievedPoDate` in the search (`dsReceivedPoDate` in the GET).
    #[serde(
        rename = "dsRecievedPoDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String", extend("format" = "date"))]
    pub ds_received_po_date: Option<String>,
    /// UTC timestamp when the order was approved by the Finance Department. Format: ISO 8601 UTC (e.g., `2025-05-30T14:30:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub booking_date_time: Option<String>,
    /// Three-letter ISO 4217 currency code representing the transaction currency.
    pub currency: Currency,
    /// Status of the online consent request sent to the designated contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "OnlineConsentStatus")]
    pub online_consent_status: Option<OnlineConsentStatus>,
    /// Name of the sales representative person from the **Bill To** site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub bill_to_sales_representative: Option<String>,
    /// Identifier of the order as recorded in the **Bill To** site's ordering system. If available, this reference will also appear on the Dassault Systèmes invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub bill_to_po_reference: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The license agreement associated with the licenses being ordered in the Purchase Order (PO).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// Type or classification of the agreement.
    #[serde(rename = "type")]
    #[schemars(length(max = 100))]
    pub agreement_type: String,
    /// A short, descriptive title or label assigned to the agreement at the time of its creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 254))]
    pub reference: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One order with its details, as the order GET returns it (an item of spec component
/// `order_get_data`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetails {
    /// Transactional details of the order.
    pub transaction: Transaction,
    /// Details of the sales business unit.
    pub business_unit: BusinessUnit,
    /// Legal entity to which Dassault Systèmes will issue the invoice (Bill To).
    pub bill_to_site: LegalEntity,
    /// Legal entity of the company that is the Final Customer of Dassault Systèmes products (Sold To).
    pub sold_to_site: LegalEntity,
    /// Details about the license agreement associated with the licenses being ordered in the Purchase Order (PO).
    pub agreement: Agreement,
    /// Full name of the contact person at the Bill To site (billing entity) who is responsible for the order. Format `LASTNAME, Firstname` (e.g., `DOE, John`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub bill_to_contact: Option<String>,
    /// UTC timestamp when the order was created in the system. Format: ISO 8601 UTC (e.g., `2025-05-21T14:30:00Z`).
    #[schemars(extend("format" = "date-time"))]
    pub creation_date_time: String,
    /// Date when the order was received by Dassault Systèmes, in ISO 8601 format (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub ds_received_po_date: Option<String>,
    /// UTC timestamp when the order was approved by the Finance Department. Format: ISO 8601 UTC (e.g., `2025-05-30T14:30:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub booking_date_time: Option<String>,
    /// Three-letter ISO 4217 currency code representing the transaction currency.
    pub currency: Currency,
    /// Status of the online consent request sent to the designated contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "OnlineConsentStatus")]
    pub online_consent_status: Option<OnlineConsentStatus>,
    /// Name of the sales representative person from the **Bill To** site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub bill_to_sales_representative: Option<String>,
    /// Identifier of the order as recorded in the **Bill To** site's ordering system. If available, this reference will also appear on the Dassault Systèmes invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub bill_to_po_reference: Option<String>,
    /// Unique identifier of the Special Bid Offer (SBO) that served as the basis for creating the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 10))]
    pub sbo_number: Option<String>,
    /// Customer Requested Arrival Date (CRAD): the date by which the Final Customer requests delivery of the DS Licenses and Support Order (YYYY-MM-DD). The **Support Start Date** in the Installed Base will never begin before the CRAD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub customer_requested_arrival_date: Option<String>,
    /// Full name of the Dassault Systèmes (DS) sales representative responsible for the order. Format: `LASTNAME, Firstname` (e.g., `DOE, John`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub ds_sales_representative: Option<String>,
    /// Indicates whether the order is part of a Multi-Year deal (i.e., duration longer than one year), applicable for revenue types such as `YxC` or `AxC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub is_multi_year: Option<bool>,
    /// Indicates whether the agreement includes an exit clause requiring the Final Customer to pay early termination fees if they end the rental before the completion of the multi-year engagement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub has_exit_clause: Option<bool>,
    /// Identifies how often invoices are sent for ALC and ASC licenses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "RecurringChargeBillingCycle")]
    pub recurring_charge_billing_cycle: Option<RecurringChargeBillingCycle>,
    /// Unique identifier for the sales opportunity as recorded in the **My Sales Pipeline** system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub opportunity: Option<String>,
    /// Payment terms for the order, as provided by the Finance Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 50))]
    pub payment_terms: Option<String>,
    /// A list of conditions that determine when the license is charged for the order (the Line Items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<LicenseChargeCondition>")]
    pub license_charge_conditions: Option<Vec<LicenseChargeCondition>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A License Charge Condition, also called a Line Item (spec component `order_line`). No
/// member is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LicenseChargeCondition {
    /// The sequence number used to identify the line item, autogenerated by the system, between 1 and 999.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64", range(min = 1, max = 999))]
    pub sequence_number: Option<i64>,
    /// Unique identifier of license charge condition. This is used to group together the Installed Base sub-lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 15))]
    pub line_group: Option<String>,
    /// Unique identifier assigned to a 3DEXPERIENCE platform instance (the Online Instance ID / Seat ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 15))]
    pub online_instance_seat_id: Option<String>,
    /// The classification of the order based on its nature, purpose, or contractual arrangement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "OrderType")]
    pub order_type: Option<OrderType>,
    /// The geographical or territorial scope in which the product can be used, as specified in the associated agreement details (a region such as GEO, or a country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 80))]
    pub usage_scope: Option<String>,
    /// Information about the promotion applied to the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Promotion")]
    pub promotion: Option<Promotion>,
    /// Waiver information for the license charge: either a `duration` or an `endDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Waiver")]
    pub waiver: Option<Waiver>,
    /// The License Charge Breakdown (the Sub-Line Items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<LicenseChargeBreakdown>")]
    pub license_charge_breakdown: Option<Vec<LicenseChargeBreakdown>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The promotion applied to an order line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Promotion {
    /// Unique identifier of the promotion: starts with "PAO" followed by a sequence of numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 10))]
    pub id: Option<String>,
    /// Name of the promotion: a human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 100))]
    pub name: Option<String>,
    /// The human-readable name of the combination that represents a specific grouping of products (a "bundle").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 100))]
    pub combination: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Waiver information for the license charge: exactly one of `duration` and `endDate` (the
/// spec's `oneOf`). The schema requires one of them (`anyOf`, whose error names the missing
/// member); a waiver with both is a finding of its own rule, which says which to keep.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(extend("anyOf" = [
    { "required": ["duration"] },
    { "required": ["endDate"] },
]))]
pub struct Waiver {
    /// The number of months the order is eligible for free or discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub duration: Option<i64>,
    /// The date until which the order is eligible for free or discount. Format: ISO 8601 (e.g., `2025-05-30`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub end_date: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A License Charge Breakdown item, also called a Sub-Line Item (spec component
/// `order_sub_line`). No member is required.
///
/// Prices are [`Amount`]s and percentages JSON [`Number`]s, both written back exactly as read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LicenseChargeBreakdown {
    /// The sequence number used to identify the license charge breakdown item, autogenerated by the system, between 1 and 999.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64", range(min = 1, max = 999))]
    pub sequence_number: Option<i64>,
    /// A unique identifier for the installed base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 40))]
    pub installed_base_number: Option<String>,
    /// The sub-order type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "SubOrderType")]
    pub sub_order_type: Option<SubOrderType>,
    /// The revenue type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "OrderRevenueType")]
    pub revenue_type: Option<OrderRevenueType>,
    /// The portfolio to which the product being ordered belongs (e.g. "CATIA", "ENOVIA", "SIMULIA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 50))]
    pub portfolio: Option<String>,
    /// The name of the product release being ordered (e.g. "3DEXPERIENCE R2025x").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 50))]
    pub release: Option<String>,
    /// The specific product that is being ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Product")]
    pub product: Option<Product>,
    /// The quantity of the product being ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64", range(min = 1))]
    pub quantity: Option<u64>,
    /// The price listed by the Finance Department for a single unit of the product being ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub unit_list_price: Option<Amount>,
    /// The total price of the product licenses, calculated by multiplying the `Unit List Price` and the `Quantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub total_list_price: Option<Amount>,
    /// The actual amount payable by the Bill To Site for the selected product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub bill_to_net_amount: Option<Amount>,
    /// The total amount payable by the Bill To Site for the full year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub bill_to_annual_amount: Option<Amount>,
    /// The discount percentage applicable to the `Total List Price`, as a decimal value (e.g. 3.5 represents 3.5%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Number")]
    pub bill_to_discount_percentage: Option<Number>,
    /// The margin earned by the Partner Bill To Site, as a percentage of the discount price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Number")]
    pub bill_to_margin_percentage: Option<Number>,
    /// The maximum net amount that the Final Customer Site is responsible for paying for the selected product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub maximum_customer_net_amount: Option<Amount>,
    /// The total amount payable by the Final Customer Site for the full year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub maximum_customer_annual_amount: Option<Amount>,
    /// The minimum discount percentage that the Partner Bill To Site offers to the Final Customer for the selected product (e.g. 0.5 represents 0.5%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Number")]
    pub minimum_customer_discount_percentage: Option<Number>,
    /// The start date of the product or service, in ISO 8601 format (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub start_date: Option<String>,
    /// The end date of the product or service, in ISO 8601 format (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub end_date: Option<String>,
    /// The duration for which the product or service is intended to be used; its unit depends on the `Revenue Type` (years for ALC, quarters for QLC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub duration: Option<i64>,
    /// Automatically calculated by the system (YYYY-MM-DD), from the user-entered `Start Date`, the CRAD or the `Finance Approved` date of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub calculated_start_date: Option<String>,
    /// Automatically calculated by the system (YYYY-MM-DD), from the end of the first contract year or the end of the duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub calculated_end_date: Option<String>,
    /// The product usage `Year Number` for multi-year orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub year_number: Option<i64>,
    /// Details of the discount coupon applied to the final price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Coupon")]
    pub coupon: Option<Coupon>,
    /// Details about the inflation rate applied to the price of the product (product renewals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Inflation")]
    pub inflation: Option<Inflation>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The specific product that is being ordered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// The trigram code for the product being ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 10))]
    pub trigram: Option<String>,
    /// Type of the product.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ProductType")]
    pub product_type: Option<ProductType>,
    /// The product number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 20))]
    pub number: Option<String>,
    /// The name of the product: its title or label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 200))]
    pub name: Option<String>,
    /// Dassault Systèmes offering type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DsOffering")]
    pub ds_offering: Option<DsOffering>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The discount coupon applied to the final price.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Coupon {
    /// The name of the discount coupon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(max = 40))]
    pub name: Option<String>,
    /// The discount percentage that will be applied to the final price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Number")]
    pub discount_percentage: Option<Number>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The inflation rate applied to the price of the product (product renewals).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Inflation {
    /// The date since when the inflation rate is applicable (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Option<String>,
    /// The multiplication factor applied to the price (`1.04` is a 4% increase).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Number")]
    pub ratio: Option<Number>,
    /// Any exception applied while calculating the inflated amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "InflationException")]
    pub exception: Option<InflationException>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

// Constructors taking exactly the required members, for test doubles and mocks of DS; set the
// rest with struct update syntax.

impl OrderError {
    /// An error of `error_type` titled `title`, without details.
    pub fn new(error_type: OrderErrorType, title: impl Into<String>) -> Self {
        OrderError {
            error_type,
            title: title.into(),
            errors: None,
            extra: serde_json::Map::new(),
        }
    }
}

impl BusinessUnit {
    /// A business unit (its `id` has exactly 5 characters, its `name` at most 25).
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        local_timezone: LocalTimeZone,
    ) -> Self {
        BusinessUnit {
            id: id.into(),
            name: name.into(),
            local_timezone,
            extra: serde_json::Map::new(),
        }
    }
}

impl LegalEntity {
    /// A Bill To or Sold To site (`location_id` between 1 and 999).
    pub fn new(id: impl Into<String>, name: impl Into<String>, location_id: i64) -> Self {
        LegalEntity {
            id: id.into(),
            name: name.into(),
            local_name: None,
            location_id,
            extra: serde_json::Map::new(),
        }
    }
}

impl Agreement {
    /// An agreement of `agreement_type` (e.g. `General VAR Agreement`), without reference.
    pub fn new(agreement_type: impl Into<String>) -> Self {
        Agreement {
            agreement_type: agreement_type.into(),
            ..Default::default()
        }
    }
}

impl OrderSummary {
    /// An order as the search returns it, with its six required members.
    ///
    /// ```
    /// use api4p_lint::model::*;
    ///
    /// let order = OrderSummary::new(
    ///     Transaction::default(),
    ///     BusinessUnit::new("BU001", "Corporate Sales Unit A", LocalTimeZone::Cet),
    ///     LegalEntity::new("100012345678901", "Example Corporation", 2),
    ///     LegalEntity::new("100098765432109", "Final Customer Inc.", 1),
    ///     "2025-05-21T14:30:00Z",
    ///     "USD",
    /// );
    /// let response = SearchOrdersResponse {
    ///     data: vec![order],
    ///     info: OrderInfo { success: true, status_code: 200, ..Default::default() },
    ///     ..Default::default()
    /// };
    /// api4p_lint::validate::check(&response)?;
    /// # Ok::<(), api4p_lint::validate::Error>(())
    /// ```
    pub fn new(
        transaction: Transaction,
        business_unit: BusinessUnit,
        bill_to_site: LegalEntity,
        sold_to_site: LegalEntity,
        creation_date_time: impl Into<String>,
        currency: impl Into<Currency>,
    ) -> Self {
        OrderSummary {
            transaction,
            business_unit,
            bill_to_site,
            sold_to_site,
            creation_date_time: creation_date_time.into(),
            ds_received_po_date: None,
            booking_date_time: None,
            currency: currency.into(),
            online_consent_status: None,
            bill_to_sales_representative: None,
            bill_to_po_reference: None,
            extra: serde_json::Map::new(),
        }
    }
}

impl OrderDetails {
    /// An order as the GET returns it, with its seven required members.
    pub fn new(
        transaction: Transaction,
        business_unit: BusinessUnit,
        bill_to_site: LegalEntity,
        sold_to_site: LegalEntity,
        agreement: Agreement,
        creation_date_time: impl Into<String>,
        currency: impl Into<Currency>,
    ) -> Self {
        OrderDetails {
            transaction,
            business_unit,
            bill_to_site,
            sold_to_site,
            agreement,
            bill_to_contact: None,
            creation_date_time: creation_date_time.into(),
            ds_received_po_date: None,
            booking_date_time: None,
            currency: currency.into(),
            online_consent_status: None,
            bill_to_sales_representative: None,
            bill_to_po_reference: None,
            sbo_number: None,
            customer_requested_arrival_date: None,
            ds_sales_representative: None,
            is_multi_year: None,
            has_exit_clause: None,
            recurring_charge_billing_cycle: None,
            opportunity: None,
            payment_terms: None,
            license_charge_conditions: None,
            extra: serde_json::Map::new(),
        }
    }
}
