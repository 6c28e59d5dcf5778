//! Closed enums of the order domain (orders search and GET, and their error bodies), spelled
//! exactly as the spec does: labels with spaces and punctuation (`Stop & Parallel Use`,
//! `DS Brand -> DS OTC Platform`, `Sent to DSx.Finance`) are the wire codes.
//!
//! They behave as the leads' closed enums do (see [`super::enums`]): an unknown code is kept in
//! `Other(String)`, each variant's doc comment is the spec's `x-enumDescriptions` text.

use super::enums::closed_enum;

closed_enum! {
    /// The kind of order transaction: a Purchase Order or a Renewal Notification (spec component
    /// `transaction_type`).
    pub enum TransactionType {
        Po = "PO" => "Purchase Order",
        Rn = "RN" => "Renewal Notification",
    }
}

closed_enum! {
    /// Current processing status of the order (spec component `order_processing_status`).
    pub enum OrderProcessingStatus {
        Cancelled = "Cancelled" => "The order has been cancelled and is no longer valid.",
        ClaimToBeManaged = "Claim to be Managed" => "The order is being claimed by a different entity for management.",
        ConsentRefused = "Consent Refused" => "The Final Customer has refused to provide consent for the order.",
        Discarded = "Discarded" => "The order has been discarded and is no longer valid.",
        Draft = "Draft" => "The order is in draft mode and has not been submitted.",
        Forecast = "Forecast" => "Status for renewal which are created more than 90 days before their start date, renewal is kept in Forecast status until system applies the price increase, then moved to Draft or Quote.",
        OnHold = "On Hold" => "Users can put a renewal on-hold temporarily to prevent automatic finalization.",
        Quote = "Quote" => "The order is in the quoting phase and has not been submitted.",
        DraftByVar = "Draft by VAR" => "The order is in draft mode and has been created by a Value Added Reseller (VAR).",
        FinanceApproved = "Finance Approved" => "The order has been approved by the Finance Department.",
        FinanceRefused = "Finance Refused" => "The order has been refused by the Finance Department.",
        PendingConsent = "Pending Consent" => "The order is waiting for Final Customer consent.",
        PendingCustomerConsent = "Pending Customer Consent" => "The order is waiting for Final Customer consent and has not been submitted.",
        QuoteRejected = "Quote Rejected" => "The quote for the order has been rejected.",
        SalesApproved = "Sales Approved" => "The order has been approved by the Sales Department.",
        SentBackToFinance = "Sent Back to Finance" => "The order has been sent back to the Finance Department for further processing.",
        SentBackToSales = "Sent Back to Sales" => "The order has been sent back to the Sales Department for further processing.",
        SentBackToQuote = "Sent Back to Quote" => "The order has been sent back to the quoting phase for further review or modification.",
        SentBackToVar = "Sent Back to VAR" => "The order has been sent back to the Value Added Reseller (VAR) for further processing.",
        SentBackToVarCentralAdmin = "Sent Back to VAR Central Admin" => "The order has been sent back to the VAR central administration for further processing.",
        SentToCreditManager = "Sent to Credit Manager" => "The order has been sent to the credit manager for further processing.",
        SentToDsxFinance = "Sent to DSx.Finance" => "The order has been sent to the Finance Department for further processing.",
        SubmittedToSales = "Submitted to Sales" => "The order has been submitted to the Sales Department for further processing.",
        SubmittedToVarCentralAdmin = "Submitted to VAR Central Admin" => "The order has been submitted to the VAR central administration for further processing.",
    }
}

closed_enum! {
    /// Time zone abbreviation used by the sales business unit (spec component `local_time_zone`).
    pub enum LocalTimeZone {
        Acst = "ACST" => "Australian Central Standard Time",
        Aest = "AEST" => "Australian Eastern Standard Time",
        Akst = "AKST" => "Alaska Time (US)",
        Ask = "ASK" => "Alaska Time",
        Ast = "AST" => "Atlantic Time (Canada)",
        Awst = "AWST" => "Australian Western Standard Time",
        Bri = "BRI" => "Brisbane Time",
        Cet = "CET" => "Central European Time",
        Chn = "CHN" => "China Standard Time",
        Cst = "CST" => "Central Time (US)",
        Eet = "EET" => "Eastern European Time",
        Est = "EST" => "Eastern Time (US)",
        Esta = "ESTA" => "Indiana",
        Gmt = "GMT" => "Greenwich Mean Time",
        Haw = "HAW" => "Hawaii Time",
        Hob = "HOB" => "Hobart Time",
        Hst = "HST" => "Hawaiian Time",
        Ist = "IST" => "Indian Time",
        Jst = "JST" => "Japan Standard Time",
        Msk = "MSK" => "Moscow Time",
        Mst = "MST" => "Mountain Time (US)",
        Msta = "MSTA" => "Arizona Time",
        Nst = "NST" => "Newfoundland Time (Canada)",
        Pst = "PST" => "Pacific Time (US)",
        Syd = "SYD" => "Sydney Time",
        Utc = "UTC" => "Universal Time Coordinated, Zulu",
        Val = "VAL" => "Vladivostok Time",
        Wet = "WET" => "Western European Time",
    }
}

closed_enum! {
    /// Status of the online consent request sent to the designated contact (spec component
    /// `online_consent_status`).
    pub enum OnlineConsentStatus {
        Accepted = "Accepted" => "The online consent request has been successfully accepted by the designated contact.",
        Expired = "Expired" => "The online consent request has expired and is no longer valid.",
        NotApplicable = "Not Applicable" => "The online consent request is not applicable to the current situation or context.",
        NotRequested = "Not Requested" => "The online consent request has not been sent to the designated contact.",
        Refused = "Refused" => "The online consent request has been refused by the designated contact.",
        Requested = "Requested" => "The online consent request has been sent to the designated contact, but the status is pending.",
    }
}

closed_enum! {
    /// How often invoices are sent for ALC and ASC licenses (spec component
    /// `recurring_charge_billing_cycle`).
    pub enum RecurringChargeBillingCycle {
        CalendarMonth = "Calendar Month" => "bill recurring license charges through the end of the current calendar month and for full month periods thereafter (or until indicated anniversary date if earlier)",
        CalendarQuarter = "Calendar Quarter" => "bill recurring license charges through the end of the current calendar quarter and for full 3 month periods thereafter (or until indicated anniversary date if earlier)",
        CalendarSemester = "Calendar Semester" => "bill recurring license charges through the end of the current semester and for full 6 month periods thereafter (or until indicated anniversary date if earlier)",
        CalendarYear = "Calendar Year" => "bill recurring license charges through the end of the current calendar year and for full 12 month periods thereafter (or until indicated anniversary date if earlier)",
        FullAtDate = "Full At Date" => "bill recurring license charges for a 12-month period (or until indicated anniversary date if earlier) taking into consideration any start dates contained in the PO. If multiple durations (in contrast to quantity) of a recurrent license charge are ordered, they are invoiced at up front rather than on an annual basis. For example, if a PO is for two years of ALC, the two years are invoiced upfront at the start date rather than year one following order completion and year two the next year.",
        Immediate = "Immediate" => "bill is generated by DS at the PO approval date for the full amount of the order not taking into consideration any license start dates contained in the PO. For example, if a PO is for two years of ALC, the two years are invoiced upfront at PO approval date.",
        RollingMonth360 = "Rolling Month 360" => "bill recurring license charges from the start date through start date plus one month duration (or until indicated end date if earlier).",
        RollingQuarter360 = "Rolling Quarter 360" => "bill recurring license charges from the start date through start date plus 3 months duration (or until indicated end date if earlier).",
        RollingSemester360 = "Rolling Semester 360" => "bill recurring license charges from the start date through start date plus 6 months duration (or until indicated end date if earlier).",
        RollingYear360 = "Rolling Year 360" => "bill recurring license charges from the start date through start date plus 12 months (or until indicated end date if earlier). For example, if PO is for 2 years of ALC with a start date February 1st, the 2 invoicing periods will be from February 1st to January 31st.",
    }
}

closed_enum! {
    /// The classification of an order line by its nature, purpose or contractual arrangement (spec
    /// component `order_type`). Not the same list as [`SubOrderType`]: `Stop & Parallel Use` here,
    /// `Stop & Parallel use` there.
    pub enum OrderType {
        ChangeOfChannel = "Change of Channel" => "Changing Final Customer coverage from direct to indirect or vice versa.",
        ChangeOfVar = "Change of VAR" => "Changing the Value-Added Reseller (VAR) for an existing order.",
        DsBrandToDsAndMigration = "DS Brand -> DS & Migration" => "Migrating from DS Brand to DS with migration services.",
        DsBrandToDsOtcPlatform = "DS Brand -> DS OTC Platform" => "Transitioning from DS Brand to DS OTC Platform.",
        EppTraining = "EPP Training" => "Training related to EPP (Enterprise Productivity Portfolio).",
        EvaluationLicense = "Evaluation License" => "License issued temporarily for evaluation purposes.",
        IbmToDs = "IBM -> DS" => "Transitioning from IBM to DS.",
        IbmToDsAndMigration = "IBM -> DS & Migration" => "Transitioning from IBM to DS with migration services.",
        IbmToDsWithoutSupport = "IBM -> DS without Support" => "Transitioning from IBM to DS without support.",
        IbmNalParallelUseToDs = "IBM NAL Parallel Use -> DS" => "Parallel use of IBM NAL with DS.",
        IbmNalWithoutSupportToDs = "IBM NAL without Support -> DS" => "Transitioning from IBM NAL to DS without support.",
        IntercompanyTransfer = "Intercompany Transfer" => "Transferring licenses between different companies.",
        MigrationNonStandard = "Migration - Non Standard" => "Non-standard migration processes.",
        MigrationStandard = "Migration - Standard" => "A standard migration from another platform.",
        ModuleExchangeNonStandard = "Module Exchange - Non Standard" => "Non-standard module exchange processes.",
        ModuleExchangeStandard = "Module Exchange - Standard" => "Standard module exchange processes.",
        New = "New" => "A fresh order that does not involve any migration, renewal, or upgrade.",
        OneTimeFee = "One Time Fee" => "Fee charged for a one-time service or transaction.",
        ParallelUseExtension = "Parallel Use Extension" => "Extending the parallel use period.",
        Renewal = "Renewal" => "Extending an existing license.",
        SpecialOrder = "Special Order" => "New licenses with specific administrative requests.",
        Stop = "Stop" => "Discontinuing an existing license.",
        StopAndParallelUse = "Stop & Parallel Use" => "Discontinuing an existing license with parallel use.",
        StopTransform = "Stop - Transform" => "Discontinuing an existing license with a shift to a transformed model or product.",
        Suspension = "Suspension" => "Temporarily halting the license or support services.",
        SuspensionReinstatement = "Suspension Reinstatement" => "Reinstating a suspended license or support services.",
        TosReinstatement = "TOS Reinstatement" => "Reinstating terms of service.",
        TerminationOfSupport = "Termination Of Support" => "Ending the support of a product or service.",
        TransferParallelUse = "Transfer Parallel Use" => "Transferring licenses with parallel use.",
        TransferWithoutSupport = "Transfer without Support" => "Transferring licenses without support.",
        VarUse = "VAR Use" => "Orders associated with Value-Added Resellers (VAR).",
    }
}

closed_enum! {
    /// The type of a license charge breakdown item (spec component `sub_order_type`).
    pub enum SubOrderType {
        ChangeOfChannel = "Change of Channel" => "Changing customer coverage from direct to indirect or vice versa.",
        ChangeOfVar = "Change of VAR" => "Changing the Value-Added Reseller (VAR) for an existing order.",
        EppTraining = "EPP Training" => "Training related to EPP (Enterprise Productivity Portfolio).",
        EvaluationLicense = "Evaluation License" => "License issued temporarily for evaluation purposes.",
        TransferLicense = "Transfer License" => "Transferring licenses between different companies.",
        NewLicense = "New License" => "Fresh order that does not involve any migration, renewal, or upgrade.",
        OneTimeFee = "One Time Fee" => "Fee charged for a one-time service or transaction.",
        LicenseRenewal = "License Renewal" => "Extending an existing license.",
        StopNoParallelUse = "Stop (NO Parallel Use)" => "Discontinuing an existing license with no parallel use",
        StopTransform = "Stop - Transform" => "Discontinuing an existing license with a shift to a transformed model or product.",
        StopLicense = "Stop License" => "Discontinuing an existing license.",
        StopOfPu = "Stop of PU" => "Discontinuing an existing PU license.",
        StopAndParallelUse = "Stop & Parallel use" => "Discontinuing an existing license with parallel use",
        Suspension = "Suspension" => "Temporarily halting the license or support services.",
        SuspensionReinstatement = "Suspension Reinstatement" => "Reinstating a suspended license or support services.",
        TosReinstatement = "TOS Reinstatement" => "Reinstating terms of service.",
        TerminationOfSupport = "Termination Of Support" => "Ending the support of a product or service.",
        TransferWithoutSupport = "Transfer without Support" => "Transferring licenses without support.",
        VarUse = "VAR Use" => "Orders associated with Value-Added Resellers (VAR).",
    }
}

closed_enum! {
    /// The revenue type of a license charge breakdown item (spec component `order_revenue_type`); not
    /// the leads' [`RevenueType`](super::RevenueType).
    pub enum OrderRevenueType {
        Alc = "ALC" => "Annual License Charge",
        Asc = "ASC" => "Annual Service Charge",
        Elc = "ELC" => "Evaluation Licence Charge",
        Plc = "PLC" => "Primary License Charge",
        Psc = "PSC" => "Primary Service Charge",
        Qlc = "QLC" => "Quarter License Charge",
        Qsc = "QSC" => "Quarter Service Charge",
        Slc = "SLC" => "Service/support license charge",
        Ssc = "SSC" => "Service Charge",
        Tbl2 = "TBL2" => "Term Based Licenses 2",
        Tbl3 = "TBL3" => "Term Based Licenses 3",
        Tsc2 = "TSC2" => "Term Service Charge 2",
        Tsc3 = "TSC3" => "Term Service Charge 3",
        Tsc5 = "TSC5" => "Term Service Charge 5",
        Ulc = "ULC" => "Administration license charge",
        Usc = "USC" => "Upfront Service Charge",
        Xlc = "XLC" => "X License Charge",
        Xsc = "XSC" => "eXtended Service Charge",
        Ylc = "YLC" => "Yearly License Charge",
        Ysc = "YSC" => "Yearly Service Charge",
    }
}

closed_enum! {
    /// Type of the product (spec component `product_type`).
    pub enum ProductType {
        AddOn = "Add-On" => "An additional feature or component that enhances the functionality of a product.",
        Auxiliary = "Auxiliary" => "A supplementary product or service that supports the primary product.",
        CasualNamedUser = "Casual Named User" => "A type of user license that allows for occasional or infrequent use of a product.",
        Configuration = "Configuration" => "A specific setup or arrangement of a product's features or components.",
        Enterprise = "Enterprise" => "A product or service designed for large-scale or enterprise-level use.",
        MachineBased = "Machine Based" => "A product or service that is licensed or used on a machine or device.",
        MigrationPath = "Migration Path" => "A product or service that helps customers transition from one product to another.",
        NamedUser = "Named User" => "A type of user license that allows for regular or frequent use of a product by a specific individual.",
        Offer = "Offer" => "A product or service that is being promoted or offered as a special deal.",
        Package = "Package" => "A collection of products or services that are bundled together for sale.",
        Service = "Service" => "A product or service that provides support or assistance to customers.",
        Shareable = "Shareable" => "A product or service that can be shared among multiple users or devices.",
        SingleAddOn = "Single Add-On" => "A single additional feature or component that enhances the functionality of a product.",
        System = "System" => "A product or service that is designed to work as a complete system or solution.",
        TokenBased = "Token-Based" => "A product or service that uses tokens or other forms of authentication to manage access.",
    }
}

closed_enum! {
    /// Dassault Systèmes offering type (spec component `ds_offering`).
    pub enum DsOffering {
        Auxiliary = "Auxiliary" => "Non software items i.e hardware, peripherals, or anything else that is not software.",
        LicensedProgram = "Licensed Program" => "On premises software.",
        NotApplicable = "Not Applicable" => "Items that are not governed by the CLOSA at all.",
        OnlineServices = "Online Services" => "Cloud based services.",
        PackagedOffering = "Packaged Offering" => "A bundle that mixes licensed programs and online.",
        Specific = "Specific" => "Items covered by a separate agreement rather than the standard CLOSA.",
    }
}

closed_enum! {
    /// An exception applied while calculating an inflated amount (`inflation.exception` of spec
    /// component `order_sub_line`; the spec gives no descriptions).
    pub enum InflationException {
        CappingToPriceList = "Capping To Price List",
        NoPriceIncrease = "No Price Increase",
        NoCapLowerThanPriceList = "No Cap. Lower than Price List",
    }
}

closed_enum! {
    /// A URI identifying the type of an order-family error, `errors:<domain>:<error_type>` (`type` of
    /// spec component `error`; the spec gives no descriptions).
    pub enum OrderErrorType {
        InvalidRequest = "errors:3dx:invalidRequest",
        AuthenticationGenericError = "errors:3dx:authenticationGenericError",
        ResourceNotFound = "errors:3dx:resourceNotFound",
        InternalServerError = "errors:3dx:internalServerError",
    }
}
