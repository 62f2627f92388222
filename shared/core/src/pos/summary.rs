//! `GET /v1/pos/summary?date=`: the till's day in the account's time zone,
//! from its two day books (sales, refunds): a sale at 23:59:59 local time
//! is that day's, one at 00:00:00 the next day's, and a refund counts on
//! the day the money went back. One Query per book (more only past 1,000
//! sales or refunds a day). Per currency: amounts of two currencies are
//! never added.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use uome_domain::{AccountId, Currency, Decimal, TaxBreakdownEntry};

use super::record::{Sale, SaleRefund};
use crate::account::load_company;
use crate::error::CoreResult;
use crate::invoices::payments::PaymentMethod;
use crate::keys::{TillBook, till_day_prefix, till_pk};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Index, Item, Ports, Query, SortKey};

/// Tax of one rate: the base it is computed on and the tax.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateSum {
    pub rate: Decimal,
    pub base: Decimal,
    pub tax: Decimal,
}

/// What one payment method took and gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodSum {
    pub method: PaymentMethod,
    pub sales: u32,
    /// Money taken (cash after rounding).
    pub taken: Decimal,
    pub refunds: u32,
    pub paid_back: Decimal,
}

/// The day in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyDay {
    pub currency: Currency,
    pub sales: u32,
    /// Σ totals of the sales, tax included.
    pub gross: Decimal,
    /// Σ taxes of the sales.
    pub tax: Decimal,
    pub tax_by_rate: Vec<RateSum>,
    /// Σ cash rounding of the sales (taken − totals).
    pub rounding: Decimal,
    pub by_method: Vec<MethodSum>,
    pub refunds: u32,
    /// Σ credited by the refunds, tax included, and their tax by rate.
    pub refunded: Decimal,
    pub refunded_tax_by_rate: Vec<RateSum>,
    /// Money handed back.
    pub paid_back: Decimal,
    /// Money taken less money handed back.
    pub net_takings: Decimal,
}

/// The till's day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySummary {
    pub date: NaiveDate,
    /// The IANA zone the day is in.
    pub time_zone: String,
    pub currencies: Vec<CurrencyDay>,
}

/// Every item of one book's day.
async fn day_book(
    ports: &Ports,
    account_id: &AccountId,
    book: TillBook,
    date: NaiveDate,
) -> CoreResult<Vec<Item>> {
    let mut items = Vec::new();
    let mut after = None;
    loop {
        let query = Query::partition(till_pk(account_id, book), MAX_QUERY_LIMIT)
            .on(Index::Gsi1)
            .sk(SortKey::BeginsWith(till_day_prefix(date)))
            .after(after);
        let page = ports.table.query(&query).await?;
        items.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(items),
        }
    }
}

fn add_rates(sums: &mut BTreeMap<Decimal, RateSum>, entries: &[TaxBreakdownEntry]) {
    for entry in entries {
        let sum = sums.entry(entry.rate.normalize()).or_insert(RateSum {
            rate: entry.rate.normalize(),
            ..RateSum::default()
        });
        sum.base += entry.base;
        sum.tax += entry.tax;
    }
}

fn method_sum<'a>(
    by_method: &'a mut BTreeMap<&'static str, MethodSum>,
    method: PaymentMethod,
) -> &'a mut MethodSum {
    by_method.entry(method.as_str()).or_insert(MethodSum {
        method,
        sales: 0,
        taken: Decimal::ZERO,
        refunds: 0,
        paid_back: Decimal::ZERO,
    })
}

/// The summary of `date` (default today in the account's time zone).
pub async fn day_summary(
    ports: &Ports,
    account_id: &AccountId,
    date: Option<NaiveDate>,
) -> CoreResult<DaySummary> {
    let company = load_company(ports.table.as_ref(), account_id).await?;
    let date = date.unwrap_or_else(|| company.today(ports.clock.now()));
    let (sales, refunds) = tokio::try_join!(
        day_book(ports, account_id, TillBook::Sales, date),
        day_book(ports, account_id, TillBook::Refunds, date),
    )?;

    #[derive(Default)]
    struct Acc {
        day: Option<CurrencyDay>,
        rates: BTreeMap<Decimal, RateSum>,
        refunded_rates: BTreeMap<Decimal, RateSum>,
        methods: BTreeMap<&'static str, MethodSum>,
    }
    let mut by_currency: BTreeMap<&'static str, Acc> = BTreeMap::new();
    let start = |currency: Currency| CurrencyDay {
        currency,
        sales: 0,
        gross: Decimal::ZERO,
        tax: Decimal::ZERO,
        tax_by_rate: Vec::new(),
        rounding: Decimal::ZERO,
        by_method: Vec::new(),
        refunds: 0,
        refunded: Decimal::ZERO,
        refunded_tax_by_rate: Vec::new(),
        paid_back: Decimal::ZERO,
        net_takings: Decimal::ZERO,
    };
    for item in &sales {
        let sale: Sale = item.parse()?;
        let acc = by_currency.entry(sale.currency.code()).or_default();
        let day = acc.day.get_or_insert_with(|| start(sale.currency));
        day.sales += 1;
        day.gross += sale.total;
        day.tax += sale.tax_amount;
        day.rounding += sale.rounding;
        day.net_takings += sale.amount_paid;
        add_rates(&mut acc.rates, &sale.tax_breakdown);
        let method = method_sum(&mut acc.methods, sale.payment_method);
        method.sales += 1;
        method.taken += sale.amount_paid;
    }
    for item in &refunds {
        let refund: SaleRefund = item.parse()?;
        let acc = by_currency.entry(refund.currency.code()).or_default();
        let day = acc.day.get_or_insert_with(|| start(refund.currency));
        day.refunds += 1;
        day.refunded += refund.credited;
        day.paid_back += refund.paid_back;
        day.net_takings -= refund.paid_back;
        add_rates(&mut acc.refunded_rates, &refund.tax_breakdown);
        let method = method_sum(&mut acc.methods, refund.payment_method);
        method.refunds += 1;
        method.paid_back += refund.paid_back;
    }
    let currencies = by_currency
        .into_values()
        .filter_map(|acc| {
            let mut day = acc.day?;
            day.tax_by_rate = acc.rates.into_values().collect();
            day.refunded_tax_by_rate = acc.refunded_rates.into_values().collect();
            day.by_method = acc.methods.into_values().collect();
            Some(day)
        })
        .collect();
    Ok(DaySummary {
        date,
        time_zone: company.tz().name().to_string(),
        currencies,
    })
}
