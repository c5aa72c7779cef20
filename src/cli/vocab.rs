//! The API's vocabulary on the command line. `api::Scene`, `api::BillType` and
//! `api::AccountType` are wire types and carry no clap traits (issue 12); each flag that takes one
//! gets a parser from here instead: the wire spellings are the possible values (so help, man pages
//! and completions list them), and the parsed word is mapped back onto the API's enum. No mirror
//! enum to keep in step.

use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::api::{AccountType, BillKind, BillType, Scene};

/// A parser for one vocabulary enum: `all` in display order, `word` its wire spelling. Matching
/// ignores ASCII case when the argument says `ignore_case = true`; the result is the enum value
/// whose spelling matched.
fn words<T>(all: &'static [T], word: fn(T) -> &'static str) -> impl TypedValueParser<Value = T>
where
    T: Copy + Send + Sync + 'static,
{
    PossibleValuesParser::new(all.iter().map(|&v| word(v))).try_map(move |typed: String| {
        all.iter()
            .copied()
            .find(|&v| word(v).eq_ignore_ascii_case(&typed))
            // PossibleValuesParser has already refused anything else; this is its word back.
            .ok_or_else(|| format!("{typed:?} is not one of the possible values"))
    })
}

/// `--scene jsapi|app|h5|native` (apiv3.md §6.1).
pub fn scene() -> impl TypedValueParser<Value = Scene> {
    words(&Scene::ALL, Scene::as_str)
}

/// `--kind trade|fundflow` (§8.1, §8.2).
pub fn bill_kind() -> impl TypedValueParser<Value = BillKind> {
    words(&BillKind::ALL, BillKind::as_str)
}

/// `--type ALL|SUCCESS|REFUND` (§8.1).
pub fn bill_type() -> impl TypedValueParser<Value = BillType> {
    words(&BillType::ALL, BillType::as_str)
}

/// `--account-type BASIC|OPERATION|FEES` (§8.2).
pub fn account_type() -> impl TypedValueParser<Value = AccountType> {
    words(&AccountType::ALL, AccountType::as_str)
}

#[cfg(test)]
mod tests {
    use clap::{Arg, Command};

    use super::*;

    fn parse<T: Clone + Send + Sync + 'static>(
        p: impl TypedValueParser<Value = T>,
        ignore_case: bool,
        word: &str,
    ) -> Result<T, clap::Error> {
        let cmd = Command::new("t").arg(
            Arg::new("v")
                .long("v")
                .ignore_case(ignore_case)
                .value_parser(p),
        );
        cmd.try_get_matches_from(["t", "--v", word])
            .map(|m| m.get_one::<T>("v").cloned().expect("required by the test"))
    }

    #[test]
    fn every_wire_word_maps_back_to_its_value() {
        for s in Scene::ALL {
            assert_eq!(parse(scene(), false, s.as_str()).unwrap(), s);
        }
        for t in BillType::ALL {
            assert_eq!(parse(bill_type(), true, t.as_str()).unwrap(), t);
            assert_eq!(
                parse(bill_type(), true, &t.as_str().to_lowercase()).unwrap(),
                t
            );
        }
        for k in BillKind::ALL {
            assert_eq!(parse(bill_kind(), false, k.as_str()).unwrap(), k);
        }
        assert!(parse(bill_kind(), false, "fund").is_err());
        for a in AccountType::ALL {
            assert_eq!(
                parse(account_type(), true, &a.as_str().to_lowercase()).unwrap(),
                a
            );
        }
    }

    #[test]
    fn other_words_are_refused_naming_the_possible_values() {
        let e = parse(scene(), false, "JSAPI").unwrap_err().to_string();
        assert!(e.contains("possible values: jsapi, app, h5, native"), "{e}");
        let e = parse(bill_type(), true, "FEES").unwrap_err().to_string();
        assert!(e.contains("ALL, SUCCESS, REFUND"), "{e}");
    }
}
