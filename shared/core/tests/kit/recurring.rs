//! Recurring-invoice fixtures written through core's use case. Shared by
//! core's recurring-job tests and the `recurring` function's tests (which
//! include this file by path).

use uome_core::documents::DraftInput;
use uome_core::ports::Ports;
use uome_core::recurring::{RecurringInput, RecurringInvoice, create_recurring};
use uome_domain::{AccountId, Decimal, LineInput};

/// A monthly recurring invoice of 500.00 + 20 % to `contact_id`, from
/// 2027-01-31 with `last_of_month`, until `end_date`.
pub async fn monthly_from_jan_31(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &str,
    auto_send: bool,
    end_date: Option<chrono::NaiveDate>,
) -> RecurringInvoice {
    let input = RecurringInput {
        draft: DraftInput {
            contact_id: contact_id.into(),
            currency: Some("GBP".into()),
            lines: vec![LineInput::item(
                "Retainer",
                Decimal::ONE,
                Decimal::new(50000, 2),
                Decimal::ZERO,
                Decimal::new(20, 0),
            )],
            ..DraftInput::default()
        },
        frequency: Some("monthly".into()),
        start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 31),
        end_date,
        last_of_month: Some(true),
        auto_send: Some(auto_send),
        ..RecurringInput::default()
    };
    create_recurring(ports, account_id, input).await.unwrap()
}
