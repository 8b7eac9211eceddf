//! Shop customers and orders, in the column layouts of the shops' own export files.
//!
//! - Shopify's orders export writes one row per line item: the first row of an order
//!   (`Name` = `#1001`) carries `Email`, `Financial Status`, `Currency`, `Total`,
//!   `Refunded Amount`, `Created at` (`2024-03-05 14:22:31 -0500`), `Cancelled at`; the
//!   following rows of the same order repeat `Name` and fill only the `Lineitem …` columns.
//! - Shopify's customers export: `Customer ID` (newer exports), `First Name`, `Last Name`,
//!   `Email`, `Accepts Email Marketing`, `Total Spent`, `Total Orders`, `Tags`, `Note`.
//! - Stripe's customers export: `id` (`cus_…`), `Email`, `Name`, `Created date (UTC)` (or the
//!   older `Created (UTC)`), and `… (metadata)` columns, which become custom fields.
//! - Stripe's payments export: `Created date (UTC)` (or `Created (UTC)`), `Amount`,
//!   `Amount Refunded`, `Currency`, `Status` (`Paid`, `Refunded`, `Failed`), `Customer ID`,
//!   `Customer Email`, `Refunded date (UTC)` when there is one. Stripe lets the user pick the
//!   columns, so everything is found by name, and `id` (`ch_…`/`py_…`) may be missing: a
//!   payment without one is known by a digest of its date, amount, currency, customer and
//!   invoice, the same on every import of the same file.
//!
//! Any of them may come re-saved by a spreadsheet, separated by semicolons or tabs
//! (`tabular::open` finds which).
//!
//! Money is kept in hundredths of the currency's unit.

use super::members::field_name;
use super::tabular::{self, Table};
use super::{ImportError, Order, Out, Person, Record, Source};
use hearth_core::activity::{ORDER_PLACED, ORDER_REFUNDED, PAYMENT_MADE, PAYMENT_REFUNDED};

const SHOPIFY_TIME: &str = "2024-03-05 14:22:31 -0500";
const STRIPE_TIME: &str = "2024-03-05 19:22 (UTC)";
/// Stripe's creation column, as exports since 2023 and before name it.
const STRIPE_CREATED: &[&str] = &["Created date (UTC)", "Created (UTC)"];

/// A payment's id, or for an export without the `id` column (or a row without one) a
/// digest of what identifies it, stable across imports of the same file.
fn payment_id(t: &Table, created: &str) -> String {
    use sha2::{Digest, Sha256};
    let id = t.get("id");
    if !id.is_empty() {
        return id.to_string();
    }
    let mut h = Sha256::new();
    for column in [
        created,
        "Amount",
        "Currency",
        "Customer ID",
        "Customer Email",
        "Invoice ID",
        "Invoice Number",
        "Description",
    ] {
        h.update(t.get(column).as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("row-{hex}")
}

fn shopify_person(email: &str, name: &str) -> Person {
    Person {
        channel: "shop".into(),
        external_id: format!("shopify:{email}"),
        email: email.to_string(),
        handle: String::new(),
        name: name.to_string(),
    }
}

/// An order being read across its line-item rows.
struct Pending {
    line: u64,
    order: Option<Order>,
    lines: Vec<serde_json::Value>,
    skip: Option<String>,
}

pub fn shopify_orders(source: &Source, out: &Out) -> Result<(), ImportError> {
    let mut t = tabular::open(
        source,
        &[
            "Name",
            "Email",
            "Financial Status",
            "Currency",
            "Total||Transaction amount",
            "Created at||Processed At",
        ],
    )?;
    let mut name = String::new();
    let mut pending: Option<Pending> = None;
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        let this = t.get("Name").to_string();
        if this.is_empty() {
            return Err(t.error("Name", "every row needs the order's Name (#1001)"));
        }
        if this != name || pending.is_none() {
            if let Some(p) = pending.take() {
                finish_order(p, out)?;
            }
            name = this.clone();
            pending = Some(start_order(&t, this)?);
        }
        if let Some(p) = pending.as_mut()
            && !t.get("Lineitem name").is_empty()
        {
            let quantity: i64 = t.get("Lineitem quantity").parse().map_err(|_| {
                t.error(
                    "Lineitem quantity",
                    format!("{:?} is not a whole number", t.get("Lineitem quantity")),
                )
            })?;
            p.lines.push(serde_json::json!({
                "name": t.get("Lineitem name"),
                "quantity": quantity,
                "price_cents": t.money("Lineitem price")?,
                "sku": t.get("Lineitem sku"),
            }));
        }
    }
    if let Some(p) = pending.take() {
        finish_order(p, out)?;
    }
    Ok(())
}

fn start_order(t: &Table, name: String) -> Result<Pending, ImportError> {
    let status = t.get("Financial Status").to_lowercase();
    let raw_email = t.get("Email");
    let skip = if !t.get("Cancelled at").is_empty() {
        Some(format!("order {name} was cancelled"))
    } else if status == "voided" {
        Some(format!("order {name} was voided"))
    } else if raw_email.is_empty() {
        Some(format!(
            "order {name} has no customer email (a guest checkout)"
        ))
    } else {
        None
    };
    if skip.is_some() {
        return Ok(Pending {
            line: t.line,
            order: None,
            lines: Vec::new(),
            skip,
        });
    }
    let email = tabular::email(raw_email)
        .ok_or_else(|| t.error("Email", format!("{raw_email:?} is not an email address")))?;
    // Shopify's import layout (what apps and migrations write) says `Processed At` and
    // `Transaction amount` where the admin export says `Created at` and `Total`.
    let placed_at = t.time(
        t.pick(&["Created at", "Processed At"]),
        tabular::shopify_time,
        SHOPIFY_TIME,
    )?;
    let currency = t.get("Currency").to_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(t.error(
            "Currency",
            format!("{currency:?} is not a currency code like EUR"),
        ));
    }
    let name_on_order = t.get("Billing Name").to_string();
    Ok(Pending {
        line: t.line,
        order: Some(Order {
            who: shopify_person(&email, &name_on_order),
            source: "shopify",
            external_id: name,
            total_cents: t.money(t.pick(&["Total", "Transaction amount"]))?,
            refunded_cents: t.money("Refunded Amount")?,
            currency,
            status,
            lines: String::new(),
            placed_at,
            refunded_at: None,
            kinds: (ORDER_PLACED, ORDER_REFUNDED),
        }),
        lines: Vec::new(),
        skip: None,
    })
}

fn finish_order(p: Pending, out: &Out) -> Result<(), ImportError> {
    match (p.order, p.skip) {
        (Some(mut order), None) => {
            order.lines = serde_json::Value::Array(p.lines).to_string();
            out.send(Record::Order(order))
        }
        (_, Some(reason)) => out.skip(p.line, reason),
        (None, None) => Ok(()),
    }
}

pub fn shopify_customers(source: &Source, out: &Out) -> Result<(), ImportError> {
    let mut t = tabular::open(source, &["Email", "First Name", "Last Name"])?;
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        let raw = t.get("Email");
        if raw.is_empty() {
            out.skip(t.line, "no email address")?;
            continue;
        }
        let email = tabular::email(raw)
            .ok_or_else(|| t.error("Email", format!("{raw:?} is not an email address")))?;
        let name = format!("{} {}", t.get("First Name"), t.get("Last Name"));
        let mut fields = Vec::new();
        for (column, field) in [
            ("Total Spent", "shopify_total_spent"),
            ("Total Orders", "shopify_total_orders"),
            ("Accepts Email Marketing", "shopify_accepts_email"),
            ("Customer ID", "shopify_customer_id"),
            ("Note", "shopify_note"),
        ] {
            if !t.get(column).is_empty() {
                fields.push((
                    field.to_string(),
                    t.get(column).chars().take(1000).collect(),
                ));
            }
        }
        out.send(Record::Person {
            person: shopify_person(&email, name.trim()),
            tags: tabular::list(t.get("Tags")),
            fields,
        })?;
    }
    Ok(())
}

fn stripe_person(
    t: &Table,
    id_column: &str,
    email_column: &str,
    name: &str,
) -> Result<Option<Person>, ImportError> {
    let id = t.get(id_column);
    let raw = t.get(email_column);
    let email = if raw.is_empty() {
        String::new()
    } else {
        tabular::email(raw)
            .ok_or_else(|| t.error(email_column, format!("{raw:?} is not an email address")))?
    };
    if id.is_empty() && email.is_empty() {
        return Ok(None);
    }
    Ok(Some(Person {
        channel: "shop".into(),
        external_id: if id.is_empty() {
            String::new()
        } else {
            format!("stripe:{id}")
        },
        email,
        handle: String::new(),
        name: name.to_string(),
    }))
}

pub fn stripe_customers(source: &Source, out: &Out) -> Result<(), ImportError> {
    let mut t = tabular::open(source, &["id", "Email", "Name"])?;
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        if !t.get("id").starts_with("cus_") {
            return Err(t.error(
                "id",
                format!("{:?} is not a Stripe customer id (cus_…)", t.get("id")),
            ));
        }
        let created = t.pick(STRIPE_CREATED);
        if !t.get(created).is_empty() {
            t.time(created, tabular::utc_time, STRIPE_TIME)?;
        }
        let Some(person) = stripe_person(&t, "id", "Email", t.get("Name"))? else {
            continue;
        };
        let fields = t
            .cells()
            .filter_map(|(h, v)| {
                let key = h.strip_suffix("(metadata)")?;
                (!v.is_empty()).then(|| (field_name(key), v.chars().take(1000).collect()))
            })
            .collect();
        out.send(Record::Person {
            person,
            tags: Vec::new(),
            fields,
        })?;
    }
    Ok(())
}

pub fn stripe_payments(source: &Source, out: &Out) -> Result<(), ImportError> {
    let mut t = tabular::open(
        source,
        &[
            "Created date (UTC)||Created (UTC)",
            "Amount",
            "Currency",
            "Status",
        ],
    )?;
    let created = t.pick(STRIPE_CREATED);
    while t.next()? {
        if t.blank() {
            continue;
        }
        out.row()?;
        let id = payment_id(&t, created);
        let status = t.get("Status").to_lowercase();
        if !matches!(status.as_str(), "paid" | "refunded" | "partially refunded") {
            out.skip(t.line, format!("payment {id} is {}", t.get("Status")))?;
            continue;
        }
        let placed_at = t.time(created, tabular::utc_time, STRIPE_TIME)?;
        let refunded_at = t.opt_time("Refunded date (UTC)", tabular::utc_time, STRIPE_TIME)?;
        let Some(who) = stripe_person(
            &t,
            "Customer ID",
            "Customer Email",
            t.get("Customer Description"),
        )?
        else {
            out.skip(t.line, format!("payment {id} has no customer"))?;
            continue;
        };
        out.send(Record::Order(Order {
            who,
            source: "stripe",
            external_id: id,
            total_cents: t.money("Amount")?,
            refunded_cents: t.money("Amount Refunded")?,
            currency: t.get("Currency").to_uppercase(),
            status,
            lines: serde_json::json!([{"name": t.get("Description"), "quantity": 1, "price_cents": t.money("Amount")?}]).to_string(),
            placed_at,
            refunded_at,
            kinds: (PAYMENT_MADE, PAYMENT_REFUNDED),
        }))?;
    }
    Ok(())
}
