//! What the demo generator draws from: country profiles (language, time zone,
//! currency, names, cities, holidays) and company words, channels, tags and terms.

pub(super) struct CountryProfile {
    pub(super) code: &'static str,
    pub(super) language: &'static str,
    pub(super) time_zone: &'static str,
    pub(super) currency: &'static str,
    pub(super) phone_prefix: &'static str,
    pub(super) city: &'static str,
    pub(super) first_names: &'static [&'static str],
    pub(super) last_names: &'static [&'static str],
}

pub(super) const COUNTRIES: &[CountryProfile] = &[
    CountryProfile {
        code: "US",
        language: "en",
        time_zone: "America/New_York",
        currency: "USD",
        phone_prefix: "+1",
        city: "Chicago",
        first_names: &["Emily", "James", "Olivia", "Michael", "Ava"],
        last_names: &["Johnson", "Smith", "Brown", "Miller", "Davis"],
    },
    CountryProfile {
        code: "GB",
        language: "en",
        time_zone: "Europe/London",
        currency: "GBP",
        phone_prefix: "+44",
        city: "Manchester",
        first_names: &["Oliver", "Amelia", "Harry", "Isla", "George"],
        last_names: &["Taylor", "Wilson", "Evans", "Thomas", "Roberts"],
    },
    CountryProfile {
        code: "DE",
        language: "de",
        time_zone: "Europe/Berlin",
        currency: "EUR",
        phone_prefix: "+49",
        city: "Hamburg",
        first_names: &["Lukas", "Anna", "Jonas", "Lea", "Felix"],
        last_names: &["Müller", "Schmidt", "Schneider", "Fischer", "Weber"],
    },
    CountryProfile {
        code: "FR",
        language: "fr",
        time_zone: "Europe/Paris",
        currency: "EUR",
        phone_prefix: "+33",
        city: "Lyon",
        first_names: &["Camille", "Louis", "Chloé", "Hugo", "Léa"],
        last_names: &["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau"],
    },
    CountryProfile {
        code: "ES",
        language: "es",
        time_zone: "Europe/Madrid",
        currency: "EUR",
        phone_prefix: "+34",
        city: "Valencia",
        first_names: &["Lucía", "Hugo", "Martina", "Álvaro", "Sofía"],
        last_names: &["García", "Fernández", "López", "Martínez", "Sánchez"],
    },
    CountryProfile {
        code: "IT",
        language: "it",
        time_zone: "Europe/Rome",
        currency: "EUR",
        phone_prefix: "+39",
        city: "Milano",
        first_names: &["Giulia", "Marco", "Chiara", "Luca", "Francesca"],
        last_names: &["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi"],
    },
    CountryProfile {
        code: "BR",
        language: "pt-BR",
        time_zone: "America/Sao_Paulo",
        currency: "BRL",
        phone_prefix: "+55",
        city: "Curitiba",
        first_names: &["João", "Ana", "Pedro", "Mariana", "Gabriel"],
        last_names: &["Silva", "Santos", "Oliveira", "Souza", "Pereira"],
    },
    CountryProfile {
        code: "MX",
        language: "es-MX",
        time_zone: "America/Mexico_City",
        currency: "MXN",
        phone_prefix: "+52",
        city: "Guadalajara",
        first_names: &["Valeria", "Diego", "Ximena", "Santiago", "Regina"],
        last_names: &["Hernández", "González", "Ramírez", "Torres", "Flores"],
    },
    CountryProfile {
        code: "RU",
        language: "ru",
        time_zone: "Europe/Moscow",
        currency: "RUB",
        phone_prefix: "+7",
        city: "Kazan",
        first_names: &["Анна", "Дмитрий", "Мария", "Иван", "Ольга"],
        last_names: &["Иванова", "Смирнов", "Кузнецова", "Попов", "Волкова"],
    },
    CountryProfile {
        code: "JP",
        language: "ja",
        time_zone: "Asia/Tokyo",
        currency: "JPY",
        phone_prefix: "+81",
        city: "Osaka",
        first_names: &["陽翔", "結衣", "蓮", "葵", "湊"],
        last_names: &["佐藤", "鈴木", "高橋", "田中", "伊藤"],
    },
    CountryProfile {
        code: "SA",
        language: "ar",
        time_zone: "Asia/Riyadh",
        currency: "SAR",
        phone_prefix: "+966",
        city: "Jeddah",
        first_names: &["Mohammed", "Fatimah", "Abdullah", "Noura", "Khalid"],
        last_names: &[
            "Al-Harbi",
            "Al-Qahtani",
            "Al-Otaibi",
            "Al-Zahrani",
            "Al-Ghamdi",
        ],
    },
    CountryProfile {
        code: "AE",
        language: "ar",
        time_zone: "Asia/Dubai",
        currency: "AED",
        phone_prefix: "+971",
        city: "Dubai",
        first_names: &["Omar", "Mariam", "Saeed", "Aisha", "Hamdan"],
        last_names: &[
            "Al-Maktoum",
            "Al-Nuaimi",
            "Al-Shamsi",
            "Al-Mansoori",
            "Al-Ketbi",
        ],
    },
    CountryProfile {
        code: "AU",
        language: "en",
        time_zone: "Australia/Sydney",
        currency: "AUD",
        phone_prefix: "+61",
        city: "Brisbane",
        first_names: &["Charlotte", "Jack", "Mia", "William", "Grace"],
        last_names: &["Wilson", "Nguyen", "Kelly", "Walker", "Harris"],
    },
    CountryProfile {
        code: "CA",
        language: "en",
        time_zone: "America/Toronto",
        currency: "CAD",
        phone_prefix: "+1",
        city: "Ottawa",
        first_names: &["Liam", "Emma", "Noah", "Chloe", "Ethan"],
        last_names: &["Tremblay", "Roy", "Campbell", "Anderson", "Leblanc"],
    },
    CountryProfile {
        code: "PL",
        language: "pl",
        time_zone: "Europe/Warsaw",
        currency: "PLN",
        phone_prefix: "+48",
        city: "Kraków",
        first_names: &["Zofia", "Jakub", "Maja", "Kacper", "Hanna"],
        last_names: &["Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska"],
    },
    CountryProfile {
        code: "NL",
        language: "nl",
        time_zone: "Europe/Amsterdam",
        currency: "EUR",
        phone_prefix: "+31",
        city: "Utrecht",
        first_names: &["Daan", "Emma", "Sem", "Julia", "Lucas"],
        last_names: &["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker"],
    },
    CountryProfile {
        code: "KR",
        language: "ko",
        time_zone: "Asia/Seoul",
        currency: "KRW",
        phone_prefix: "+82",
        city: "Busan",
        first_names: &["민준", "서연", "도윤", "하은", "지호"],
        last_names: &["김", "이", "박", "최", "정"],
    },
    CountryProfile {
        code: "TR",
        language: "tr",
        time_zone: "Europe/Istanbul",
        currency: "TRY",
        phone_prefix: "+90",
        city: "İzmir",
        first_names: &["Elif", "Mehmet", "Zeynep", "Mustafa", "Ayşe"],
        last_names: &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik"],
    },
    CountryProfile {
        code: "CL",
        language: "es-CL",
        time_zone: "America/Santiago",
        // Priced in US dollars, as many cross-border shops sell to Chile: the shipped
        // reference rates (ECB) have no peso, and the demo's value page must draw.
        currency: "USD",
        phone_prefix: "+56",
        city: "Valparaíso",
        first_names: &["Florencia", "Benjamín", "Isidora", "Vicente", "Josefa"],
        last_names: &["Muñoz", "Rojas", "Díaz", "Soto", "Contreras"],
    },
    CountryProfile {
        code: "SE",
        language: "sv",
        time_zone: "Europe/Stockholm",
        currency: "SEK",
        phone_prefix: "+46",
        city: "Göteborg",
        first_names: &["Alice", "Elias", "Maja", "William", "Ebba"],
        last_names: &["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson"],
    },
];

pub(super) const COMPANY_WORDS: &[&str] = &[
    "Trading",
    "Import",
    "Distribution",
    "Retail",
    "Supplies",
    "Group",
    "Handels",
    "Commerce",
];
pub(super) const COMPANY_ROOTS: &[&str] = &[
    "Nova",
    "Atlas",
    "Blue Harbor",
    "Sol",
    "Nordic",
    "Andes",
    "Sakura",
    "Oasis",
    "Maple",
    "Vista",
    "Orion",
    "Delta",
];
pub(super) const BUSINESS_TYPES: &[&str] = &[
    "Distributor",
    "Online retailer",
    "Wholesaler",
    "Brick-and-mortar chain",
    "Drop-shipper",
];
pub(super) const CHANNELS: &[&str] = &["AliExpress", "Amazon", "eBay", "Shopify", "Temu"];
pub(super) const TAGS: &[&str] = &[
    "electronics",
    "home",
    "fashion",
    "toys",
    "outdoor",
    "wholesale",
    "gift-buyer",
    "price-sensitive",
    "fast-shipping",
    "reviews",
];
pub(super) const PAYMENT_TERMS: &[&str] = &["Prepayment", "Net 30", "Net 60", "50% deposit"];
pub(super) const CREDIT: &[&str] = &["Good", "Good", "Watch: one late payment", "Excellent"];

/// Product titles as a cross-border listing shows them.
pub(super) const PRODUCTS: &[&str] = &[
    "Shockproof phone case for iPhone 15, clear",
    "Magnetic phone case for Galaxy S24, black",
    "LED desk lamp with wireless charger, dimmable",
    "Mulberry silk scarf, 90 × 90 cm, peony print",
    "Bluetooth 5.3 earbuds with charging case",
    "Non-slip yoga mat, 6 mm, sage green",
    "Ceramic teapot with infuser, 800 ml",
    "Insulated stainless steel water bottle, 750 ml",
    "USB-C GaN fast charger, 65 W",
    "Silicone smart watch band, 42 mm",
    "Mechanical keyboard, 68 keys, hot-swappable",
    "Portable rechargeable blender, 380 ml",
    "Bamboo cutting board set, 3 pieces",
    "Rabbit LED night light for kids",
    "Merino wool beanie, charcoal",
    "RFID-blocking leather card holder",
    "Resistance bands set, 5 levels",
    "Acetate hair claw clips, tortoiseshell, 4 pieces",
    "Magnetic car phone mount, vent clip",
    "Waterproof hiking backpack, 30 L",
    "Embroidered cushion cover, 45 × 45 cm",
    "Matcha whisk set with bamboo scoop",
    "Silent wireless mouse, 2.4 GHz",
    "Sterling silver hoop earrings",
];

/// How a carrier's tracking numbers look.
pub(super) enum TrackingShape {
    /// `prefix`, then `digits` random digits (at most 18), then `suffix`.
    Digits {
        prefix: &'static str,
        digits: usize,
        suffix: &'static str,
    },
    /// UPS: "1Z", six shipper characters, a two-digit service, eight digits.
    Ups,
    /// A postal item (UPU S10): two service letters, eight digits and their check
    /// digit, the post's country ("RR473124829GB").
    S10 {
        service: &'static str,
        country: &'static str,
    },
}

pub(super) struct Carrier {
    pub(super) name: &'static str,
    pub(super) tracking: TrackingShape,
}

/// Carriers a cross-border seller ships with, to any country.
pub(super) const CARRIERS: &[Carrier] = &[
    Carrier {
        name: "DHL",
        tracking: TrackingShape::Digits {
            prefix: "",
            digits: 10,
            suffix: "",
        },
    },
    Carrier {
        name: "UPS",
        tracking: TrackingShape::Ups,
    },
    Carrier {
        name: "FedEx",
        tracking: TrackingShape::Digits {
            prefix: "",
            digits: 12,
            suffix: "",
        },
    },
    Carrier {
        name: "YunExpress",
        tracking: TrackingShape::Digits {
            prefix: "YT",
            digits: 16,
            suffix: "",
        },
    },
    Carrier {
        name: "4PX",
        tracking: TrackingShape::Digits {
            prefix: "4PX",
            digits: 13,
            suffix: "CN",
        },
    },
    Carrier {
        name: "Cainiao",
        tracking: TrackingShape::Digits {
            prefix: "LP",
            digits: 14,
            suffix: "",
        },
    },
];

/// The national post that delivers the last mile, where the demo has one.
pub(super) fn local_carrier(country: &str) -> Option<&'static Carrier> {
    const USPS: Carrier = Carrier {
        name: "USPS",
        tracking: TrackingShape::Digits {
            prefix: "9400",
            digits: 18,
            suffix: "",
        },
    };
    const ROYAL_MAIL: Carrier = Carrier {
        name: "Royal Mail",
        tracking: TrackingShape::S10 {
            service: "RR",
            country: "GB",
        },
    };
    const DEUTSCHE_POST: Carrier = Carrier {
        name: "Deutsche Post",
        tracking: TrackingShape::S10 {
            service: "LX",
            country: "DE",
        },
    };
    const LA_POSTE: Carrier = Carrier {
        name: "La Poste",
        tracking: TrackingShape::S10 {
            service: "CP",
            country: "FR",
        },
    };
    const JAPAN_POST: Carrier = Carrier {
        name: "Japan Post",
        tracking: TrackingShape::S10 {
            service: "EJ",
            country: "JP",
        },
    };
    match country {
        "US" => Some(&USPS),
        "GB" => Some(&ROYAL_MAIL),
        "DE" => Some(&DEUTSCHE_POST),
        "FR" => Some(&LA_POSTE),
        "JP" => Some(&JAPAN_POST),
        _ => None,
    }
}
