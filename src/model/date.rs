//! Dates as the documents print them: `29 septembre 2022`, `14 avr 2020`, `31/03/2020`,
//! `30-06-2022`, `2020-03-31`. Only what a deadline rule needs: no time zones, no clock.

/// A calendar day, ordered as time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// The last day of a year: when a result "for 2022" covers the whole year.
    pub fn end_of_year(year: i32) -> Day {
        Day {
            year,
            month: 12,
            day: 31,
        }
    }

    /// `29/09/2022`.
    pub fn display_fr(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        let valid =
            (1900..3000).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then_some(Day { year, month, day })
    }
}

/// The month a French month name names, full or abbreviated (`avr`, `sept.`, `févr`), with
/// or without accents; an abbreviation two months share (`jui`) names none.
fn month_named(word: &str) -> Option<u32> {
    const FULL: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const PLAIN: [&str; 12] = [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    let named: Vec<usize> = (0..12)
        .filter(|&i| FULL[i].starts_with(&word) || PLAIN[i].starts_with(&word))
        .collect();
    match named[..] {
        [month] => u32::try_from(month + 1).ok(),
        _ => None,
    }
}

/// Every full date written in `text`, in order.
pub fn days_in(text: &str) -> Vec<Day> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '«' | '»'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut days = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        // 31/03/2020, 30-06-2022, 2020-03-31
        let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            let day = match numbers[..] {
                [year, month, day] if parts[0].len() == 4 => i32::try_from(year)
                    .ok()
                    .and_then(|y| Day::new(y, month, day)),
                [day, month, year] => i32::try_from(year)
                    .ok()
                    .and_then(|y| Day::new(y, month, day)),
                _ => None,
            };
            days.extend(day);
            index += 1;
            continue;
        }
        // 29 septembre 2022, 1er décembre 2019, 14 avr 2020
        if let (Some(month), Some(year)) = (
            words.get(index + 1).and_then(|w| month_named(w)),
            words.get(index + 2).and_then(|w| w.parse::<i32>().ok()),
        ) {
            let number = word.trim_end_matches("er");
            if let Ok(day) = number.parse::<u32>()
                && let Some(day) = Day::new(year, month, day)
            {
                days.push(day);
                index += 3;
                continue;
            }
        }
        index += 1;
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> Day {
        Day { year, month, day }
    }

    #[test]
    fn reads_the_dates_the_documents_print() {
        assert_eq!(
            days_in("Fait à Melun, le 29 septembre 2022"),
            [day(2022, 9, 29)]
        );
        assert_eq!(
            days_in("Commission permanente du 14 avr 2020 - Rapport n° 11"),
            [day(2020, 4, 14)]
        );
        assert_eq!(
            days_in("Du 01-01-2022 au 30-06-2022"),
            [day(2022, 1, 1), day(2022, 6, 30)]
        );
        assert_eq!(days_in("avant le 31/03/2020"), [day(2020, 3, 31)]);
        assert_eq!(days_in("2020-03-31"), [day(2020, 3, 31)]);
        assert_eq!(days_in("le 1er décembre 2019"), [day(2019, 12, 1)]);
        assert_eq!(
            days_in("le 5 aout 2021 et le 2 févr. 2022"),
            [day(2021, 8, 5), day(2022, 2, 2)]
        );
        assert!(days_in("2019").is_empty());
        assert!(days_in("12 mois 2019").is_empty());
        assert!(days_in("32/13/2020").is_empty());
        assert!(days_in("99999999999/1/2020 1/1/99999999999").is_empty());
        assert!(day(2020, 4, 14) > day(2020, 3, 31));
    }
}
