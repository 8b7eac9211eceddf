//! The one way Hearth names a closed set of things it stores as text (audit actions,
//! notification kinds, mail frequencies, digests): an enum with one string form per
//! variant, `ALL`, `as_str` and `parse`, so no module spells the strings again.

/// Declares an enum whose variants are stored as the given strings.
macro_rules! words {
    ($(#[$meta:meta])* $name:ident, $($variant:ident = $text:literal,)*) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stored form.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The variant a stored string names, if it is one of today's.
            pub fn parse(stored: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|a| a.as_str() == stored)
            }
        }
    };
}

pub(crate) use words;
