//! Bringing a document in: reading what people already have (a spreadsheet's cells, the text
//! of a PDF) into the model. Pure functions over what was read; the commands in
//! [`crate::cli`] do the file I/O and the saving.

pub mod table;
pub mod text;

/// The spreadsheet name of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_letter(mut index: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(super::column_letter(0), "A");
        assert_eq!(super::column_letter(25), "Z");
        assert_eq!(super::column_letter(26), "AA");
        assert_eq!(super::column_letter(27), "AB");
        assert_eq!(super::column_letter(701), "ZZ");
        assert_eq!(super::column_letter(702), "AAA");
    }
}
