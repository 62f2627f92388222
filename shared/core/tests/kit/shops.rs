//! A Swiss shop for the till's tests: francs, Zurich time. Shared by
//! core's use-case tests and the pos function's router tests (which include
//! this file by path).

use uome_core::account::company::{self, CompanyInput};
use uome_core::ports::Ports;
use uome_domain::AccountId;

/// Makes the account's company "Café Zürich AG" in CHF and Europe/Zurich.
pub async fn swiss_shop(ports: &Ports, account_id: &AccountId) {
    company::update(
        ports,
        account_id,
        CompanyInput {
            name: "Café Zürich AG".into(),
            default_currency: Some("CHF".into()),
            timezone: Some("Europe/Zurich".into()),
            ..CompanyInput::default()
        },
        None,
    )
    .await
    .expect("the company is saved");
}
