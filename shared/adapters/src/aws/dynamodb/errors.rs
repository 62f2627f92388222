//! SDK errors to `TableError`, keyed by the AWS error code so callers (and
//! logs) see what DynamoDB actually said.

use aws_sdk_dynamodb::error::{BuildError, DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::CancellationReason;
use uome_core::ports::table::TableError;

/// Codes that mean "someone else is using this capacity or key right now":
/// the caller may retry the same request.
const CONTENTION_CODES: [&str; 6] = [
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "TransactionConflictException",
    "TransactionInProgressException",
    "LimitExceededException",
];

/// Any SDK error of any operation.
pub(super) fn from_sdk<E, R>(err: SdkError<E, R>) -> TableError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    let code = match (&err, err.code()) {
        (_, Some(code)) => code.to_owned(),
        // No service answer to take a code from: name the transport failure.
        (SdkError::ConstructionFailure(_), None) => "ConstructionFailure".to_owned(),
        (SdkError::TimeoutError(_), None) => "TimeoutError".to_owned(),
        (SdkError::DispatchFailure(_), None) => "DispatchFailure".to_owned(),
        (SdkError::ResponseError(_), None) => "ResponseError".to_owned(),
        (_, None) => "Unknown".to_owned(),
    };
    let message = err
        .message()
        .map(str::to_owned)
        .unwrap_or_else(|| DisplayErrorContext(&err).to_string());
    from_code(code, message)
}

fn from_code(code: String, message: String) -> TableError {
    if code == "ConditionalCheckFailedException" {
        TableError::ConditionFailed
    } else if CONTENTION_CODES.contains(&code.as_str()) {
        TableError::Contention { code }
    } else {
        TableError::Backend { code, message }
    }
}

/// A request we built ourselves could not be assembled: a bug on our side,
/// reported rather than panicking.
pub(super) fn from_build(err: BuildError) -> TableError {
    TableError::Backend {
        code: "BuildError".to_owned(),
        message: err.to_string(),
    }
}

/// TransactWriteItems' cancellation reasons, one per write in request order.
/// A failed condition anywhere wins over contention: the caller must learn
/// that its precondition is false, retrying would not help.
pub(super) fn from_cancellation(
    reasons: &[CancellationReason],
    message: Option<&str>,
) -> TableError {
    let failed: Vec<usize> = reasons
        .iter()
        .enumerate()
        .filter(|(_, r)| r.code() == Some("ConditionalCheckFailed"))
        .map(|(position, _)| position)
        .collect();
    if !failed.is_empty() {
        return TableError::TransactionCancelled { failed };
    }
    let codes = || reasons.iter().filter_map(CancellationReason::code);
    if let Some(code) = codes().find(|c| {
        matches!(
            *c,
            "TransactionConflict" | "ThrottlingError" | "ProvisionedThroughputExceeded"
        )
    }) {
        return TableError::Contention {
            code: code.to_owned(),
        };
    }
    let reasons: Vec<&str> = codes().collect();
    TableError::Backend {
        code: "TransactionCanceledException".to_owned(),
        message: format!(
            "{} (reasons: {})",
            message.unwrap_or("transaction cancelled"),
            reasons.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(code: &str) -> CancellationReason {
        CancellationReason::builder().code(code).build()
    }

    #[test]
    fn failed_conditions_are_named_by_position() {
        let reasons = [
            reason("None"),
            reason("ConditionalCheckFailed"),
            reason("TransactionConflict"),
        ];
        assert!(matches!(
            from_cancellation(&reasons, None),
            TableError::TransactionCancelled { failed } if failed == vec![1]
        ));
    }

    #[test]
    fn conflict_alone_is_contention() {
        let reasons = [reason("None"), reason("TransactionConflict")];
        assert!(matches!(
            from_cancellation(&reasons, None),
            TableError::Contention { code } if code == "TransactionConflict"
        ));
    }

    #[test]
    fn other_reasons_are_backend_errors_naming_them() {
        let reasons = [reason("ValidationError"), reason("None")];
        match from_cancellation(&reasons, Some("cancelled")) {
            TableError::Backend { code, message } => {
                assert_eq!(code, "TransactionCanceledException");
                assert!(message.contains("ValidationError"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn codes_map_to_kinds() {
        assert!(matches!(
            from_code("ConditionalCheckFailedException".into(), String::new()),
            TableError::ConditionFailed
        ));
        assert!(matches!(
            from_code("ThrottlingException".into(), String::new()),
            TableError::Contention { .. }
        ));
        assert!(matches!(
            from_code("ResourceNotFoundException".into(), "gone".into()),
            TableError::Backend { code, message } if code == "ResourceNotFoundException" && message == "gone"
        ));
    }
}
