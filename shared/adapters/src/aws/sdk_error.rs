//! What every AWS adapter reports when a call fails: the AWS error code
//! when the service answered, otherwise the kind of failure (timeout,
//! dispatch, ...), and the whole cause chain as the message.

use std::error::Error;
use std::fmt::Debug;

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// `(code, message)` of a failed SDK call.
pub(crate) fn code_and_message<E, R>(err: &SdkError<E, R>) -> (String, String)
where
    E: ProvideErrorMetadata + Error + 'static,
    R: Debug,
{
    let code = match (err, err.code()) {
        (_, Some(code)) => code.to_string(),
        (SdkError::ConstructionFailure(_), None) => "ConstructionFailure".into(),
        (SdkError::TimeoutError(_), None) => "TimeoutError".into(),
        (SdkError::DispatchFailure(_), None) => "DispatchFailure".into(),
        (SdkError::ResponseError(_), None) => "ResponseError".into(),
        (_, None) => "Unknown".into(),
    };
    (code, DisplayErrorContext(err).to_string())
}
