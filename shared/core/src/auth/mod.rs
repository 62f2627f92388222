//! Sign-up, email verification, login, refresh tokens, logout and password
//! reset (API.md §3). The HTTP edge (`functions/auth`) adds only what needs
//! the HTTP crate: the access token (a JWT signed with the context's keys).
//!
//! Items (docs/storage.md): the login record `EMAIL#<email>` / `USER`, the
//! user `ACCOUNT#<acc>` / `USER#<user>`, the account and its company record,
//! email-link tokens `EMAILTOKEN#<sha256>`, refresh tokens `REFRESH#<sha256>`,
//! sessions `ACCOUNT#<acc>` / `SESSION#<user>#<session>`, throttles
//! `THROTTLE#<email>` and `MAILTHROTTLE#<email>`. Lifetimes below; the
//! reasoning is in docs/auth.md.

pub mod email_tokens;
pub mod emails;
pub mod input;
pub mod login;
pub mod password;
pub mod profile;
pub mod records;
pub mod reset;
pub mod sessions;
pub mod signup;
pub mod throttle;
pub mod validate;
pub mod verify;

pub use input::Text;
pub use login::{LoginInput, login};
pub use profile::me;
pub use records::UserProfile;
pub use reset::{ResetInput, forgot_password, reset_password};
pub use sessions::{IssuedRefreshToken, SignedIn, logout, refresh};
pub use signup::{SignedUp, SignupInput, resend_verification, signup};
pub use verify::verify_email;

/// A verification link works for 24 hours.
pub const VERIFY_TOKEN_TTL_SECS: i64 = 24 * 60 * 60;
/// A password-reset link works for 30 minutes (API.md §3).
pub const RESET_TOKEN_TTL_SECS: i64 = 30 * 60;
/// A refresh token lives 30 days; each exchange starts a new 30 days.
pub const REFRESH_TOKEN_TTL_SECS: i64 = 30 * 24 * 60 * 60;
