//! `GET /reset-password?token=…` shows the form, `POST /reset-password`
//! sets the password (`uome_core::auth::reset_password`, the sign-up
//! policy), errors beside their field. The form's CSRF token is bound to
//! the reset link's token.

use axum::extract::{Query, State};
use axum::response::Response;
use http::StatusCode;
use maud::{Markup, html};
use serde::Deserialize;
use uome_core::CoreError;
use uome_core::auth::validate::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use uome_core::auth::{ResetInput, Text, reset_password};
use uome_domain::FieldError;
use uome_http::AppContext;

use crate::csrf;
use crate::error::PageError;
use crate::form::PageForm;
use crate::layout::{Input, errors_for, page, plain_page, respond, uome_frame};

const CSRF_PURPOSE: &str = "reset";

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

#[derive(Deserialize)]
pub struct ResetForm {
    token: Option<String>,
    csrf: Option<String>,
    password: Option<String>,
    confirm: Option<String>,
}

fn password_rules() -> String {
    format!(
        "{MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters, mixing at least two of letters, digits and other characters."
    )
}

fn form(ctx: &AppContext, token: &str, errors: &[FieldError]) -> Markup {
    let rules = password_rules();
    let other: Vec<&FieldError> = errors
        .iter()
        .filter(|e| e.field != "password" && e.field != "confirm")
        .collect();
    html! {
        h1 { "Choose a new password" }
        @if !other.is_empty() {
            div.alert role="alert" {
                @for e in &other { p { (e.message) } }
            }
        }
        form method="post" action="/reset-password" novalidate {
            input type="hidden" name="token" value=(token);
            input type="hidden" name=(csrf::FIELD) value=(csrf::token(ctx, CSRF_PURPOSE, token));
            (Input { name: "password", label: "New password", kind: "password", value: "",
                     autocomplete: "new-password", required: true, hint: Some(&rules),
                     error: errors_for(errors, "password") }.render())
            (Input { name: "confirm", label: "Repeat the new password", kind: "password", value: "",
                     autocomplete: "new-password", required: true, hint: None,
                     error: errors_for(errors, "confirm") }.render())
            button type="submit" { "Set the new password" }
        }
    }
}

fn link_unusable() -> Response {
    plain_page(
        StatusCode::BAD_REQUEST,
        "This link cannot be used",
        html! {
            p { "The reset link has expired (links last 30 minutes), was already used, or is incomplete." }
            p { "Ask for a new one from the log-in screen: “Forgot your password?”." }
        },
    )
}

pub async fn reset_form(
    State(ctx): State<AppContext>,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let Some(token) = query.token.filter(|t| !t.trim().is_empty()) else {
        return Ok(link_unusable());
    };
    Ok(respond(
        StatusCode::OK,
        page(uome_frame("Choose a new password"), form(&ctx, &token, &[])),
    ))
}

pub async fn reset_submit(
    State(ctx): State<AppContext>,
    PageForm(body): PageForm<ResetForm>,
) -> Result<Response, PageError> {
    let token = body.token.unwrap_or_default();
    if token.trim().is_empty() {
        return Ok(link_unusable());
    }
    if !csrf::check(
        &ctx,
        CSRF_PURPOSE,
        &token,
        body.csrf.as_deref().unwrap_or_default(),
    ) {
        return Err(crate::session::bad_form());
    }
    let password = body.password.unwrap_or_default();
    if body.confirm.as_deref() != Some(password.as_str()) {
        let errors = [FieldError::new(
            "confirm",
            "does not match the new password",
        )];
        return Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                uome_frame("Choose a new password"),
                form(&ctx, &token, &errors),
            ),
        ));
    }
    let input = ResetInput {
        token: Text::Given(token.clone()),
        password: Text::Given(password),
    };
    match reset_password(&ctx.ports, input).await {
        Ok(_) => Ok(plain_page(
            StatusCode::OK,
            "Your password is changed",
            html! { p { "You can now log in to Uome with your new password." } },
        )),
        Err(CoreError::Validation(errors)) => Ok(respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                uome_frame("Choose a new password"),
                form(&ctx, &token, &errors),
            ),
        )),
        Err(CoreError::BadRequest { .. }) => Ok(link_unusable()),
        Err(other) => Err(other.into()),
    }
}
