//! What the community is worth, on a shop whose effect is known: the generator plants a
//! lift on members' spending after they join, and lets better customers join more often.
//! The difference-in-differences interval must cover the planted lift and be narrower
//! than 0.5, and the naive comparison (members against everyone else) must be the one
//! that self-selection inflates.

#[path = "support/community.rs"]
mod community;

use hearth_insights::value::Missing;

fn estimate(seed: u64, lift: f64) -> hearth_insights::value::Value {
    let c = community::shop(seed, 6_000, 730, lift);
    let log = community::log(&c, "UTC", 5_000);
    let (_, today) = log.span().unwrap();
    let v = log.member_value(today, 7).expect("an estimate");
    eprintln!(
        "lift {lift}: {} members against {} non-members (of {}): {:+.3} [{:+.3}, {:+.3}]; naive {:+.3}",
        v.members,
        v.non_members,
        v.pool,
        v.estimate_relative,
        v.ci_low_relative,
        v.ci_high_relative,
        v.naive_relative.unwrap_or(f64::NAN)
    );
    v
}

#[test]
fn the_interval_covers_a_planted_lift_and_is_narrower_than_a_half() {
    for (seed, lift) in [(1, 0.25), (2, 0.5)] {
        let v = estimate(seed, lift);
        assert!(v.members > 300, "{} members", v.members);
        assert!(
            v.ci_low_relative <= lift && lift <= v.ci_high_relative,
            "{lift} outside [{}, {}]",
            v.ci_low_relative,
            v.ci_high_relative
        );
        assert!(v.ci_high_relative - v.ci_low_relative < 0.5);
        assert!(
            v.ci_low_relative <= v.estimate_relative && v.estimate_relative <= v.ci_high_relative
        );
        // Better customers joined: comparing members with everyone else overstates it.
        assert!(
            v.naive_relative.unwrap() > lift + 0.5,
            "{:?}",
            v.naive_relative
        );
    }
}

#[test]
fn with_no_lift_the_interval_covers_zero() {
    let v = estimate(3, 0.0);
    assert!(
        v.ci_low_relative <= 0.0 && 0.0 <= v.ci_high_relative,
        "{v:?}"
    );
}

#[test]
fn a_community_with_no_orders_says_so_and_members_who_buy_more_repeat_more() {
    let c = community::generate(3, 200, 200, 0.3);
    let mut log = community::log(&c, "UTC", 100);
    let (_, today) = log.span().unwrap();
    // The generated community's own orders weigh 1; without them, nothing at all.
    log.spend.clear();
    assert_eq!(log.member_value(today, 1).unwrap_err(), Missing::NoSpend);
    let shop = community::shop(4, 3_000, 500, 0.5);
    let log = community::log(&shop, "UTC", 1_000);
    let (_, today) = log.span().unwrap();
    let h = log.habits(today);
    assert!(
        h.member_customers > 100 && h.non_member_customers > 100,
        "{h:?}"
    );
    assert!(
        h.member_repeat.unwrap() > h.non_member_repeat.unwrap(),
        "{h:?}"
    );
    assert!(
        h.member_churn.unwrap() < h.non_member_churn.unwrap(),
        "{h:?}"
    );
}
