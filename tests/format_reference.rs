//! FORMAT.md stays true: every type, field and variant the model reads is documented there.
//!
//! The list is taken from the code itself: a deserializer that answers every question serde's
//! derived code asks, and records the struct fields and enum variants it is told about.

use std::collections::{BTreeMap, BTreeSet};

use revue::model::Convention;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};

#[derive(Default)]
struct Registry {
    structs: BTreeMap<&'static str, Vec<&'static str>>,
    enums: BTreeMap<&'static str, Vec<&'static str>>,
    /// Per enum, how many times it was visited: each visit takes the next variant, so that
    /// repeated passes reach what lies under every variant.
    visits: BTreeMap<&'static str, usize>,
}

struct Tracer<'a> {
    registry: &'a mut Registry,
}

#[derive(Debug)]
struct TraceError(String);
impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for TraceError {}
impl de::Error for TraceError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        TraceError(msg.to_string())
    }
}

/// What every string is: a valid stored figure, so that amounts parse too.
const SAMPLE_TEXT: &str = "0";

macro_rules! integers {
    ($($method:ident => $visit:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
            visitor.$visit(0)
        })*
    };
}

impl<'de> Deserializer<'de> for Tracer<'_> {
    type Error = TraceError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_str(SAMPLE_TEXT)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_bool(false)
    }
    integers!(deserialize_i8 => visit_i8, deserialize_i16 => visit_i16, deserialize_i32 => visit_i32,
        deserialize_i64 => visit_i64, deserialize_u8 => visit_u8, deserialize_u16 => visit_u16,
        deserialize_u32 => visit_u32, deserialize_u64 => visit_u64);
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_f32(0.0)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_f64(0.0)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_char('0')
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_str(SAMPLE_TEXT)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_str(SAMPLE_TEXT)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_bytes(b"0")
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_bytes(b"0")
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_some(self)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_seq(Elements {
            registry: self.registry,
            left: 1,
        })
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_seq(Elements {
            registry: self.registry,
            left: len,
        })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.deserialize_tuple(len, visitor)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_map(Fields {
            registry: self.registry,
            fields: &[],
        })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.registry.structs.insert(name, fields.to_vec());
        visitor.visit_map(Fields {
            registry: self.registry,
            fields,
        })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        self.registry.enums.insert(name, variants.to_vec());
        let visits = self.registry.visits.entry(name).or_default();
        let chosen = variants[*visits % variants.len()];
        *visits += 1;
        visitor.visit_enum(Variant {
            registry: self.registry,
            name: chosen,
        })
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_str(SAMPLE_TEXT)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_unit()
    }
}

struct Elements<'a> {
    registry: &'a mut Registry,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_> {
    type Error = TraceError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TraceError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(Tracer {
            registry: self.registry,
        })
        .map(Some)
    }
}

struct Fields<'a> {
    registry: &'a mut Registry,
    fields: &'static [&'static str],
}

impl<'de> de::MapAccess<'de> for Fields<'_> {
    type Error = TraceError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TraceError> {
        let Some(field) = self.fields.first() else {
            return Ok(None);
        };
        seed.deserialize(field.into_deserializer()).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TraceError> {
        self.fields = &self.fields[1..];
        seed.deserialize(Tracer {
            registry: self.registry,
        })
    }
}

struct Variant<'a> {
    registry: &'a mut Registry,
    name: &'static str,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a> {
    type Error = TraceError;
    type Variant = Tracer<'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Tracer<'a>), TraceError> {
        let value = seed.deserialize(self.name.into_deserializer())?;
        Ok((
            value,
            Tracer {
                registry: self.registry,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for Tracer<'_> {
    type Error = TraceError;
    fn unit_variant(self) -> Result<(), TraceError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, TraceError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        Deserializer::deserialize_tuple(self, len, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_map(Fields {
            registry: self.registry,
            fields,
        })
    }
}

/// Every struct with its fields and every enum with its variants that a convention file can
/// hold, as the derived deserializers declare them.
fn model_registry() -> Registry {
    let mut registry = Registry::default();
    // Each pass takes the next variant of every enum it meets; passes stop when a pass
    // teaches nothing new after every enum has been round at least once.
    let mut known = 0;
    for pass in 0.. {
        <Convention as serde::Deserialize>::deserialize(Tracer {
            registry: &mut registry,
        })
        .expect("the tracer answers every question the model asks");
        let now = registry.structs.values().map(Vec::len).sum::<usize>()
            + registry.enums.values().map(Vec::len).sum::<usize>()
            + registry.structs.len();
        let longest = registry.enums.values().map(Vec::len).max().unwrap_or(1);
        if now == known && pass > longest * 2 {
            break;
        }
        known = now;
    }
    registry
}

/// FORMAT.md's sections: `### Name` heading → its text.
fn sections(reference: &str) -> BTreeMap<String, String> {
    let mut sections = BTreeMap::new();
    for part in reference.split("\n### ").skip(1) {
        let (heading, body) = part.split_once('\n').unwrap_or((part, ""));
        let name = heading
            .trim()
            .trim_matches('`')
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_string();
        let body = body.split("\n## ").next().unwrap_or_default();
        sections.insert(name, body.to_string());
    }
    sections
}

#[test]
fn every_type_field_and_variant_of_the_model_is_in_the_format_reference() {
    let reference =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/FORMAT.md")).unwrap();
    let sections = sections(&reference);
    let registry = model_registry();
    assert!(registry.structs.contains_key("Fiche") && registry.enums.contains_key("Value"));
    let mut missing = BTreeSet::new();
    let items = registry
        .structs
        .iter()
        .map(|(name, fields)| (name, fields, "field"))
        .chain(
            registry
                .enums
                .iter()
                .map(|(name, variants)| (name, variants, "variant")),
        );
    for (name, members, what) in items {
        let Some(body) = sections.get(*name) else {
            missing.insert(format!("type {name} (a `### {name}` section)"));
            continue;
        };
        for member in members {
            if !body.contains(&format!("`{member}`")) {
                missing.insert(format!("{what} `{member}` of {name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "FORMAT.md does not document:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Prints what the model declares, to write the reference from: `cargo test --test
/// format_reference -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_the_model() {
    let registry = model_registry();
    for (name, fields) in &registry.structs {
        println!("struct {name}: {}", fields.join(", "));
    }
    for (name, variants) in &registry.enums {
        println!("enum {name}: {}", variants.join(", "));
    }
}

/// The reference's whole-file example is a file revue opens.
#[test]
fn the_reference_example_of_a_whole_file_loads() {
    let reference =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/FORMAT.md")).unwrap();
    let example = reference
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let convention = revue::storage::from_ron_str(example).unwrap();
    assert_eq!(convention.fiche_count(), 1);
}
