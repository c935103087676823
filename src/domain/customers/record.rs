//! The customer record (客户档案): one type for individuals and companies, with the
//! parts that differ kept in [`Profile`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::customers::{RelationshipStage, StageChange};

/// Opaque, stable customer identifier (a UUID string for records made in the app).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CustomerId(pub String);

impl CustomerId {
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CustomerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CustomerKind {
        Individual = "individual",
        Company = "company",
    }
}

coded_enum! {
    /// How the customer was found: the thirteen prospecting methods.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum LeadSource {
        DoorToDoor = "door_to_door",
        MeetingsAndFairs = "meetings_and_fairs",
        ClubsAndCircles = "clubs_and_circles",
        RelativesAndFriends = "relatives_and_friends",
        DirectoryLookup = "directory_lookup",
        PaidConsultancy = "paid_consultancy",
        AgentReferral = "agent_referral",
        CustomerReferral = "customer_referral",
        CentreOfInfluence = "centre_of_influence",
        Phone = "phone",
        LetterOrMail = "letter_or_mail",
        InternetPlatform = "internet_platform",
        WonFromCompetitor = "won_from_competitor",
    }
}

/// A dated family or personal occasion worth remembering (anniversary, child's birthday…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyDate {
    pub label: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndividualProfile {
    pub birthday: Option<NaiveDate>,
    pub employer: String,
    pub position: String,
    pub family_dates: Vec<FamilyDate>,
    pub preferences: String,
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ContactRole {
        DecisionMaker = "decision_maker",
        Purchaser = "purchaser",
        Finance = "finance",
        Other = "other",
    }
}

/// A person in charge at a corporate customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub name: String,
    pub role: ContactRole,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyProfile {
    pub founded_year: Option<i32>,
    /// The founding day, when known: the care calendar greets on its anniversary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founded_on: Option<NaiveDate>,
    pub employees: Option<u32>,
    pub business_type: String,
    pub service_area: String,
    pub business_status: String,
    pub payment_terms: String,
    pub credit_status: String,
    pub contacts: Vec<ContactPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Profile {
    Individual(IndividualProfile),
    Company(CompanyProfile),
}

impl Profile {
    pub fn kind(&self) -> CustomerKind {
        match self {
            Self::Individual(_) => CustomerKind::Individual,
            Self::Company(_) => CustomerKind::Company,
        }
    }
}

/// The stored customer record.
///
/// `revision` counts successful saves; a save based on an older revision is refused
/// so two tabs (or two reps) never silently overwrite each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    /// Person's full name, or the company's name.
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Other channels (WhatsApp, WeChat, marketplace buyer id…), free text.
    #[serde(default)]
    pub messaging: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    /// BCP 47 language tag of the buyer ("es", "pt-BR").
    #[serde(default)]
    pub language: String,
    /// IANA time zone name ("Europe/Madrid"); empty when unknown.
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub lead_source: Option<LeadSource>,
    pub profile: Profile,
    pub stage: RelationshipStage,
    #[serde(default)]
    pub stage_history: Vec<StageChange>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub last_contact_at: Option<DateTime<Utc>>,
    /// The rep who owns the account (key customers get a dedicated account manager);
    /// empty when nobody does. Compared like rep names: trimmed, case-insensitive.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default)]
    pub revision: u32,
}

impl Customer {
    /// A new individual with only the required fields: a potential customer with no
    /// history, created and updated `at`.
    pub fn minimal(id: CustomerId, name: &str, country: &str, at: DateTime<Utc>) -> Self {
        Self {
            id,
            name: name.to_owned(),
            email: String::new(),
            phone: String::new(),
            messaging: String::new(),
            country: country.to_owned(),
            language: String::new(),
            time_zone: String::new(),
            address: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            lead_source: None,
            profile: Profile::Individual(IndividualProfile::default()),
            stage: RelationshipStage::Potential,
            stage_history: Vec::new(),
            created_at: at,
            updated_at: at,
            last_contact_at: None,
            owner: String::new(),
            revision: 0,
        }
    }

    pub fn kind(&self) -> CustomerKind {
        self.profile.kind()
    }

    /// Lower-cased text that list search matches against: name, company contacts,
    /// email, phone, country and tags.
    pub fn search_text(&self) -> String {
        let mut text = String::with_capacity(96);
        for part in [
            self.name.as_str(),
            self.email.as_str(),
            self.phone.as_str(),
            self.messaging.as_str(),
            self.country.as_str(),
        ] {
            text.push_str(part);
            text.push('\u{1f}');
        }
        for tag in &self.tags {
            text.push_str(tag);
            text.push('\u{1f}');
        }
        match &self.profile {
            Profile::Individual(p) => {
                text.push_str(&p.employer);
            }
            Profile::Company(c) => {
                for person in &c.contacts {
                    text.push_str(&person.name);
                    text.push('\u{1f}');
                    text.push_str(&person.email);
                    text.push('\u{1f}');
                    text.push_str(&person.phone);
                    text.push('\u{1f}');
                }
            }
        }
        text.to_lowercase()
    }
}
