//! Demo service records: complaints, contact-log entries and follow-ups for the demo
//! customers, so the complaint queue, its statistics, the follow-up board and the
//! customers' timelines have realistic content right after "Load demo data".
//!
//! Like [`super::demo::generate`], the output depends only on the inputs, and every id
//! is derived from a customer id: loading the demo twice finds the same ids again and
//! adds nothing.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc};

use super::demo::DemoRng;
use crate::domain::complaints::{
    customer_wrote, move_state, Complaint, ComplaintCause, ComplaintState, Remedy, RemedyKind,
    Temperament, Validity, WizardStep,
};
use crate::domain::contacts::{conflicts, Contact, ContactChannel, Direction, FollowUp};
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{Customer, CustomerId, Profile};
use crate::domain::orders::{Money, Order, OrderStatus};

/// The demo team: every demo contact and follow-up is handled by one of them.
pub const DEMO_REPS: [&str; 4] = ["Mei", "Tomás", "Aisha", "Lukas"];

/// Everything the service screens show for the demo customers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoServiceRecords {
    pub complaints: Vec<Complaint>,
    pub contacts: Vec<Contact>,
    pub follow_ups: Vec<FollowUp>,
}

// Time spans in minutes, the unit all demo arithmetic works in.
const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;

/// A customer younger than this gets no complaint: a settled one needs two weeks of
/// history before `now`, and an account opened yesterday rarely has a dispute yet.
const COMPLAINT_MIN_CUSTOMER_AGE: i64 = 20 * DAY;
/// Settled complaints open at least this long before `now`, leaving room for
/// handling (up to 6 days), the follow-up call and the closing.
const SETTLED_LATEST_OPENING: i64 = 14 * DAY;
/// "By month" statistics cover a year.
const COMPLAINT_HISTORY: i64 = 365 * DAY;
/// Routine contacts reach back this far; older ones would not show on a timeline
/// anybody scrolls to.
const CONTACT_HISTORY: i64 = 540 * DAY;
/// Most open follow-ups the board gets, so it stays readable.
const MAX_OPEN_FOLLOW_UPS: usize = 40;

/// Deterministic, but with its own stream per kind of record, so adding a contact
/// topic does not reshuffle the complaints.
const COMPLAINT_STREAM: u64 = 0xC0A1_A1E7_5EED_0001;
const CONTACT_STREAM: u64 = 0xC0A1_A1E7_5EED_0002;
const FOLLOW_UP_STREAM: u64 = 0xC0A1_A1E7_5EED_0003;

/// Generates complaints, contacts and follow-ups for `customers` (orders of other
/// customers are ignored). `now` is the moment of loading: nothing lies after it
/// except open follow-ups, and nothing lies before its customer's `created_at`.
pub fn generate_service_records(
    customers: &[Customer],
    orders: &[Order],
    seed: u64,
    now: DateTime<Utc>,
) -> DemoServiceRecords {
    let clock = whole_minute(now);
    let people = known_customers(customers, clock);
    if people.is_empty() {
        return DemoServiceRecords::default();
    }
    let orders_of = orders_by_customer(&people, orders);
    let mut numbers = PerCustomerNumbers::default();
    let mut records = DemoServiceRecords::default();

    let handled = generate_complaints(&people, &orders_of, seed, clock);
    for item in &handled {
        records
            .contacts
            .extend(complaint_contacts(item, &mut numbers));
        records
            .follow_ups
            .extend(complaint_follow_up_done(item, clock));
    }
    records.contacts.extend(routine_contacts(
        &people,
        &orders_of,
        seed,
        clock,
        &mut numbers,
    ));
    records.follow_ups.extend(planned_follow_ups(
        &people,
        &handled,
        seed,
        clock,
        &mut numbers,
    ));
    records.complaints = handled.into_iter().map(|item| item.complaint).collect();
    records
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/// Customers that existed before `clock`, each id once: a record may not predate its
/// customer, and a repeated id would produce repeated record ids.
fn known_customers(customers: &[Customer], clock: DateTime<Utc>) -> Vec<&Customer> {
    let mut seen: HashSet<&CustomerId> = HashSet::new();
    customers
        .iter()
        .filter(|c| c.created_at < clock)
        .filter(|c| seen.insert(&c.id))
        .collect()
}

/// Each customer's orders, oldest first (ties by id, so the result is stable).
fn orders_by_customer<'a>(
    people: &[&Customer],
    orders: &'a [Order],
) -> BTreeMap<CustomerId, Vec<&'a Order>> {
    let mut by_customer: BTreeMap<CustomerId, Vec<&'a Order>> =
        people.iter().map(|c| (c.id.clone(), Vec::new())).collect();
    for order in orders {
        if let Some(list) = by_customer.get_mut(&order.customer_id) {
            list.push(order);
        }
    }
    for list in by_customer.values_mut() {
        list.sort_by(|a, b| a.placed_on.cmp(&b.placed_on).then_with(|| a.id.cmp(&b.id)));
    }
    by_customer
}

fn orders_for<'a>(
    orders_of: &BTreeMap<CustomerId, Vec<&'a Order>>,
    customer: &Customer,
) -> Vec<&'a Order> {
    orders_of.get(&customer.id).cloned().unwrap_or_default()
}

/// The rep who looks after the account. Fixed by the customer id (FNV-1a), not by the
/// seed, so a customer keeps the same rep across the demo's records.
fn account_rep(customer: &Customer) -> &'static str {
    let hash = customer
        .id
        .as_str()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    DEMO_REPS[(hash % DEMO_REPS.len() as u64) as usize]
}

/// Ids like "demo-contact-<customer id>-<n>": numbered per customer, so loading the
/// same demo again yields the same ids and the store recognises them.
#[derive(Default)]
struct PerCustomerNumbers {
    next: BTreeMap<(&'static str, CustomerId), usize>,
}

impl PerCustomerNumbers {
    fn id(&mut self, kind: &'static str, customer: &CustomerId) -> String {
        let slot = self.next.entry((kind, customer.clone())).or_insert(0);
        *slot += 1;
        format!("demo-{kind}-{}-{}", customer.as_str(), slot)
    }
}

// ---------------------------------------------------------------------------
// Complaints
// ---------------------------------------------------------------------------

/// One realistic complaint, told in the wizard's terms.
struct Story {
    cause: ComplaintCause,
    /// Short title for the contact log.
    headline: &'static str,
    /// The buyer's first message in English, Spanish, French and German.
    words: [&'static str; 4],
    what_happened: &'static str,
    product: &'static str,
    usage: &'static str,
    wanted_outcome: &'static str,
    wanted_how: &'static str,
    validity: Validity,
    validity_reason: &'static str,
    /// What the rep asks the buyer for when the complaint waits on them.
    asked_for: &'static str,
    remedy: RemedyKind,
    remedy_note: &'static str,
    outcome: &'static str,
}

const STORIES: &[Story] = &[
    Story {
        cause: ComplaintCause::Logistics,
        headline: "Parcel lost in transit",
        words: [
            "It's been five weeks and my parcel still hasn't arrived. The tracking hasn't moved for 20 days!",
            "Han pasado cinco semanas y mi paquete no ha llegado. ¡El seguimiento no se mueve desde hace 20 días!",
            "Cela fait cinq semaines et mon colis n'est toujours pas arrivé. Le suivi ne bouge plus depuis 20 jours !",
            "Seit fünf Wochen warte ich auf mein Paket. Die Sendungsverfolgung zeigt seit 20 Tagen nichts Neues!",
        ],
        what_happened: "Tracking stopped at the export hub 20 days ago; the carrier confirmed the parcel as lost.",
        product: "Bluetooth speaker",
        usage: "Not received",
        wanted_outcome: "Receive the speaker or get the money back",
        wanted_how: "Resend by express",
        validity: Validity::Valid,
        validity_reason: "The carrier confirmed the loss; the buyer is not at fault.",
        asked_for: "confirmation of the delivery address before we resend",
        remedy: RemedyKind::Resend,
        remedy_note: "Resent by express courier with a new tracking number.",
        outcome: "Resent by express with a new tracking number; the buyer agreed to wait.",
    },
    Story {
        cause: ComplaintCause::Logistics,
        headline: "Arrived damaged",
        words: [
            "The box arrived crushed and the glass shade is broken. Photos attached.",
            "La caja llegó aplastada y la pantalla de cristal está rota. Adjunto fotos.",
            "Le carton est arrivé écrasé et l'abat-jour en verre est cassé. Photos jointes.",
            "Der Karton kam zerdrückt an und der Glasschirm ist zerbrochen. Fotos anbei.",
        ],
        what_happened: "The carton was crushed in transit and the lamp's glass shade broke.",
        product: "Table lamp with glass shade",
        usage: "Unpacked on delivery, never switched on",
        wanted_outcome: "A working lamp",
        wanted_how: "Send a new shade or a new lamp",
        validity: Validity::Valid,
        validity_reason: "The photos show transit damage to the outer carton.",
        asked_for: "photos of the box and the broken shade",
        remedy: RemedyKind::Replacement,
        remedy_note: "New lamp sent in double packaging; carrier claim filed for the damaged one.",
        outcome: "Replacement sent in double packaging; carrier claim filed.",
    },
    Story {
        cause: ComplaintCause::Logistics,
        headline: "Delivered two weeks late",
        words: [
            "I paid for fast shipping and the parcel came two weeks late. It was a birthday present.",
            "Pagué el envío rápido y el paquete llegó con dos semanas de retraso. Era un regalo de cumpleaños.",
            "J'ai payé la livraison express et le colis est arrivé avec deux semaines de retard. C'était un cadeau d'anniversaire.",
            "Ich habe für Expressversand bezahlt und das Paket kam zwei Wochen zu spät. Es war ein Geburtstagsgeschenk.",
        ],
        what_happened: "Held 11 days for a customs inspection; delivered 14 days after the promised date.",
        product: "Kids' smartwatch",
        usage: "A gift, delivered after the birthday",
        wanted_outcome: "Money back for the express shipping",
        wanted_how: "Refund to the original card",
        validity: Validity::Partly,
        validity_reason: "The customs hold was outside our control, but the listing promised 7-day delivery.",
        asked_for: "the date the parcel actually arrived",
        remedy: RemedyKind::PartialRefund,
        remedy_note: "Refunded the express shipping surcharge.",
        outcome: "The buyer accepted the shipping refund and kept the watch.",
    },
    Story {
        cause: ComplaintCause::ProductQuality,
        headline: "Earbud stopped charging",
        words: [
            "The left earbud stopped charging after ten days. Really disappointed.",
            "El auricular izquierdo dejó de cargar a los diez días. Qué decepción.",
            "L'écouteur gauche ne se recharge plus au bout de dix jours. Quelle déception.",
            "Der linke Ohrhörer lädt nach zehn Tagen nicht mehr. Sehr enttäuschend.",
        ],
        what_happened: "The left earbud no longer charges in the case; the right one works.",
        product: "Wireless earbuds",
        usage: "Daily use, charged with the supplied cable",
        wanted_outcome: "A pair that works",
        wanted_how: "Replacement without return shipping costs",
        validity: Validity::Valid,
        validity_reason: "Known charging-contact fault in this production batch.",
        asked_for: "a short video of the charging case lights",
        remedy: RemedyKind::Replacement,
        remedy_note: "New pair from the current batch; no need to return the faulty one.",
        outcome: "Replacement sent; the buyer promised to update the review.",
    },
    Story {
        cause: ComplaintCause::ProductQuality,
        headline: "Seams split after the first wash",
        words: [
            "The seams split after the first wash. This is not the quality shown in the photos.",
            "Las costuras se abrieron después del primer lavado. No es la calidad de las fotos.",
            "Les coutures ont lâché après le premier lavage. Ce n'est pas la qualité des photos.",
            "Die Nähte sind nach der ersten Wäsche aufgegangen. Das ist nicht die Qualität auf den Fotos.",
        ],
        what_happened: "The jacket's side seams opened after one machine wash at 40 °C.",
        product: "Softshell jacket",
        usage: "Machine washed at 40 °C; the care label says hand wash",
        wanted_outcome: "Money back",
        wanted_how: "Refund without sending the jacket back",
        validity: Validity::Partly,
        validity_reason: "Washed against the care label, but the stitching is below our standard.",
        asked_for: "photos of the seams and the care label",
        remedy: RemedyKind::PartialRefund,
        remedy_note: "Partial refund as a goodwill gesture; the jacket stays with the buyer.",
        outcome: "The buyer accepted the partial refund; the supplier was told about the stitching.",
    },
    Story {
        cause: ComplaintCause::ProductQuality,
        headline: "Blender motor burnt out",
        words: [
            "The blender smelled burnt and stopped on the second use. I want my money back.",
            "La batidora olió a quemado y se paró al segundo uso. Quiero mi dinero.",
            "Le blender a senti le brûlé et s'est arrêté à la deuxième utilisation. Je veux être remboursé.",
            "Der Mixer roch verbrannt und blieb beim zweiten Mal stehen. Ich möchte mein Geld zurück.",
        ],
        what_happened: "The motor overheated and stopped during the second use.",
        product: "Countertop blender 1200 W",
        usage: "Crushing ice for smoothies, as the listing suggests",
        wanted_outcome: "Full refund",
        wanted_how: "Refund to the original payment method",
        validity: Validity::Valid,
        validity_reason: "The listing advertises ice crushing; a motor failure on the second use is a defect.",
        asked_for: "the serial number from the base",
        remedy: RemedyKind::Refund,
        remedy_note: "Full refund; the buyer may dispose of the unit.",
        outcome: "Refunded in full; the model went to the supplier for a quality check.",
    },
    Story {
        cause: ComplaintCause::AfterSale,
        headline: "Warranty repair refused",
        words: [
            "Your service partner refused the warranty repair. The watch is only six months old!",
            "Su servicio técnico se negó a reparar el reloj en garantía. ¡Solo tiene seis meses!",
            "Votre réparateur a refusé la réparation sous garantie. La montre n'a que six mois !",
            "Ihr Servicepartner hat die Garantiereparatur abgelehnt. Die Uhr ist erst sechs Monate alt!",
        ],
        what_happened: "The local repair partner refused a warranty repair because the invoice was not in the local language.",
        product: "Smartwatch",
        usage: "Everyday wear; the screen stopped responding",
        wanted_outcome: "Repair under warranty",
        wanted_how: "Repair locally, without shipping the watch abroad",
        validity: Validity::Valid,
        validity_reason: "Within the 12-month warranty; our English invoice is valid.",
        asked_for: "the repair shop's written refusal",
        remedy: RemedyKind::Repair,
        remedy_note: "Warranty repair at a second partner, paid by us; translated invoice sent.",
        outcome: "Repair booked at a second partner; the partner list was updated.",
    },
    Story {
        cause: ComplaintCause::AfterSale,
        headline: "Return request ignored",
        words: [
            "I asked for a return nine days ago and nobody has answered.",
            "Pedí una devolución hace nueve días y nadie me ha contestado.",
            "J'ai demandé un retour il y a neuf jours et personne ne m'a répondu.",
            "Ich habe vor neun Tagen eine Rücksendung beantragt und keine Antwort bekommen.",
        ],
        what_happened: "A return request inside the 30-day window stayed unanswered for nine days.",
        product: "Running shoes",
        usage: "Tried on indoors; one size too small",
        wanted_outcome: "Return the shoes for a refund",
        wanted_how: "Prepaid return label",
        validity: Validity::Valid,
        validity_reason: "Within the return window; the request was missed in the queue.",
        asked_for: "the shoes' condition and whether the original box is kept",
        remedy: RemedyKind::Refund,
        remedy_note: "Prepaid return label; refund on receipt.",
        outcome: "Prepaid return label sent, refund on receipt; the buyer thanked us for the quick fix.",
    },
    Story {
        cause: ComplaintCause::PriceBilling,
        headline: "Charged twice",
        words: [
            "I was charged twice for this order. Please refund the second payment.",
            "Me cobraron dos veces este pedido. Por favor, devuelvan el segundo cargo.",
            "J'ai été débité deux fois pour cette commande. Merci de rembourser le second paiement.",
            "Mir wurde diese Bestellung zweimal abgebucht. Bitte erstatten Sie die zweite Zahlung.",
        ],
        what_happened: "The payment gateway captured the order amount twice after a timeout.",
        product: "The whole order",
        usage: "",
        wanted_outcome: "Refund of the duplicate charge",
        wanted_how: "Back to the same card",
        validity: Validity::Valid,
        validity_reason: "The payment log shows two captures for one order.",
        asked_for: "the bank statement line of the second charge",
        remedy: RemedyKind::Refund,
        remedy_note: "Duplicate capture refunded.",
        outcome: "Duplicate charge refunded; the buyer confirmed the reversal.",
    },
    Story {
        cause: ComplaintCause::PriceBilling,
        headline: "Unexpected import duties",
        words: [
            "The courier made me pay import tax on delivery. Your listing said duties included!",
            "El mensajero me cobró impuestos de importación. ¡El anuncio decía impuestos incluidos!",
            "Le livreur m'a fait payer la TVA à l'importation. L'annonce disait droits inclus !",
            "Der Kurier wollte bei der Lieferung Einfuhrsteuer. In der Anzeige stand: Zoll inklusive!",
        ],
        what_happened: "The buyer paid import VAT and a carrier handling fee on delivery.",
        product: "Coffee grinder",
        usage: "",
        wanted_outcome: "Get the duties back",
        wanted_how: "Refund of the amount paid to the courier",
        validity: Validity::Partly,
        validity_reason: "'Duties included' applied to EU addresses only, and the listing did not say so clearly.",
        asked_for: "the courier's receipt for the duties",
        remedy: RemedyKind::Compensation,
        remedy_note: "Reimbursed the duties and handling fee shown on the courier's receipt.",
        outcome: "Duties reimbursed; the listing text was corrected for non-EU buyers.",
    },
    Story {
        cause: ComplaintCause::PriceBilling,
        headline: "Price dropped after purchase",
        words: [
            "Two days after I bought it the price dropped by 20%. I want the difference back.",
            "Dos días después de comprarlo, el precio bajó un 20 %. Quiero la diferencia.",
            "Deux jours après mon achat, le prix a baissé de 20 %. Je veux la différence.",
            "Zwei Tage nach dem Kauf ist der Preis um 20 % gesunken. Ich möchte die Differenz.",
        ],
        what_happened: "The price fell during a marketplace promotion two days after the purchase.",
        product: "Robot vacuum",
        usage: "In use, working well",
        wanted_outcome: "The price difference",
        wanted_how: "Partial refund",
        validity: Validity::NotValid,
        validity_reason: "We offer no price protection; the promotion was run by the marketplace.",
        asked_for: "a screenshot of the promotion price",
        remedy: RemedyKind::Coupon,
        remedy_note: "Goodwill coupon for the next order instead of a price-difference refund.",
        outcome: "Explained the policy; the buyer accepted a goodwill coupon.",
    },
    Story {
        cause: ComplaintCause::Misleading,
        headline: "Cable shorter than advertised",
        words: [
            "The listing shows a 2 m cable but I got 1 m. That's false advertising.",
            "El anuncio muestra un cable de 2 m pero recibí uno de 1 m. Es publicidad engañosa.",
            "L'annonce montre un câble de 2 m mais j'ai reçu 1 m. C'est de la publicité mensongère.",
            "In der Anzeige steht 2 m Kabel, ich habe 1 m bekommen. Das ist irreführend.",
        ],
        what_happened: "The listing photo showed the older 2 m cable; the current model ships with 1 m.",
        product: "USB-C charging cable",
        usage: "Charging a laptop at the desk",
        wanted_outcome: "The 2 m cable",
        wanted_how: "Send the right cable or refund part of the price",
        validity: Validity::Valid,
        validity_reason: "The listing photo was of the previous model.",
        asked_for: "a photo of the cable next to a tape measure",
        remedy: RemedyKind::PartialRefund,
        remedy_note: "Partial refund; listing photos replaced.",
        outcome: "Partial refund accepted; photos and title corrected the same day.",
    },
    Story {
        cause: ComplaintCause::Misleading,
        headline: "'Waterproof' watch fogged up",
        words: [
            "The listing says waterproof but the watch fogged up after one swim.",
            "El anuncio dice sumergible pero el reloj se empañó después de nadar una vez.",
            "L'annonce dit étanche mais la montre s'est embuée après une baignade.",
            "Laut Anzeige wasserdicht, aber die Uhr ist nach einmal Schwimmen beschlagen.",
        ],
        what_happened: "The title said 'waterproof'; the specification is splash-proof (IP54) only.",
        product: "Sports watch",
        usage: "Swimming in a pool",
        wanted_outcome: "Full refund",
        wanted_how: "Refund, keeping or returning the watch as we prefer",
        validity: Validity::Partly,
        validity_reason: "The title overstated the rating, although the spec table showed IP54.",
        asked_for: "photos of the fogged dial",
        remedy: RemedyKind::Refund,
        remedy_note: "Full refund; the buyer keeps the watch.",
        outcome: "Refunded; the title now says splash-proof.",
    },
    Story {
        cause: ComplaintCause::ServiceAttitude,
        headline: "Chat closed without an answer",
        words: [
            "Your agent closed the chat without answering my question. Very rude.",
            "Su agente cerró el chat sin responder a mi pregunta. Muy maleducado.",
            "Votre agent a fermé le chat sans répondre à ma question. Très impoli.",
            "Ihr Mitarbeiter hat den Chat ohne Antwort geschlossen. Sehr unhöflich.",
        ],
        what_happened: "The agent closed the chat before the buyer's sizing question was answered.",
        product: "Hiking boots",
        usage: "",
        wanted_outcome: "An answer and an apology",
        wanted_how: "Reply by email",
        validity: Validity::Valid,
        validity_reason: "The chat log confirms the chat was closed unanswered.",
        asked_for: "the foot length in centimetres",
        remedy: RemedyKind::Apology,
        remedy_note: "Personal apology; answered the sizing question in full.",
        outcome: "The buyer accepted the apology and ordered; the agent was coached.",
    },
    Story {
        cause: ComplaintCause::ServiceAttitude,
        headline: "Copy-paste replies",
        words: [
            "Three times I got the same template reply that ignores my question.",
            "Tres veces recibí la misma respuesta automática que ignora mi pregunta.",
            "Trois fois la même réponse type qui ignore ma question.",
            "Dreimal dieselbe Textbaustein-Antwort, die meine Frage ignoriert.",
        ],
        what_happened: "Three template replies did not answer the buyer's question about the missing manual.",
        product: "Espresso machine",
        usage: "New, not yet used without the manual",
        wanted_outcome: "The manual and a proper answer",
        wanted_how: "PDF by email",
        validity: Validity::Valid,
        validity_reason: "The replies did not address the question.",
        asked_for: "the model number on the rating plate",
        remedy: RemedyKind::Coupon,
        remedy_note: "Sent the PDF manual and a coupon for the inconvenience.",
        outcome: "Manual sent; the buyer thanked the rep by name.",
    },
];

/// Realistic proportions for cross-border sellers: logistics first, then product
/// quality, after-sale, billing, misleading listings and, rarest, attitude.
const CAUSE_DECK: [(ComplaintCause, usize); 6] = [
    (ComplaintCause::Logistics, 7),
    (ComplaintCause::ProductQuality, 5),
    (ComplaintCause::AfterSale, 3),
    (ComplaintCause::PriceBilling, 2),
    (ComplaintCause::Misleading, 2),
    (ComplaintCause::ServiceAttitude, 1),
];

/// How far a demo complaint has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    /// Nobody has answered yet.
    Untouched { hours_ago: i64 },
    /// The rep listened (and, if `recorded`, judged it) but has not settled it.
    Handling { hours_ago: i64, recorded: bool },
    /// A remedy is proposed and the buyer has not answered yet.
    AwaitingAnswer {
        hours_ago: i64,
        asked_hours_ago: i64,
    },
    /// We waited on the buyer, who has just answered: back with us.
    Answered {
        hours_ago: i64,
        answered_hours_ago: i64,
    },
    /// Settled days ago, but the buyer wrote again.
    Reopened {
        days_ago: i64,
        wrote_hours_ago: i64,
        was_closed: bool,
    },
    /// Settled within the last year.
    Settled { first_contact: bool, close: bool },
}

/// The active part of the queue, most telling first so that even a short customer
/// list shows an overdue complaint: 29 h, 46 h and 27 h without an answer are past
/// the default 24 h target; the others are within it or wait on the buyer.
const ACTIVE_SCENARIOS: [Scenario; 9] = [
    Scenario::Untouched { hours_ago: 29 },
    Scenario::Handling {
        hours_ago: 46,
        recorded: true,
    },
    Scenario::Reopened {
        days_ago: 15,
        wrote_hours_ago: 27,
        was_closed: true,
    },
    Scenario::Untouched { hours_ago: 3 },
    Scenario::AwaitingAnswer {
        hours_ago: 60,
        asked_hours_ago: 30,
    },
    Scenario::Handling {
        hours_ago: 20,
        recorded: false,
    },
    Scenario::Answered {
        hours_ago: 70,
        answered_hours_ago: 5,
    },
    Scenario::Reopened {
        days_ago: 9,
        wrote_hours_ago: 6,
        was_closed: false,
    },
    Scenario::Untouched { hours_ago: 10 },
];

/// A generated complaint with what the contact log and follow-ups need to tell it.
struct HandledComplaint<'a> {
    complaint: Complaint,
    customer: &'a Customer,
    story: &'static Story,
    rep: &'static str,
}

fn generate_complaints<'a>(
    people: &[&'a Customer],
    orders_of: &BTreeMap<CustomerId, Vec<&Order>>,
    seed: u64,
    clock: DateTime<Utc>,
) -> Vec<HandledComplaint<'a>> {
    let mut rng = DemoRng::new(seed ^ COMPLAINT_STREAM);
    let old_enough = earlier(clock, COMPLAINT_MIN_CUSTOMER_AGE);
    // Complaints are nearly always about an order, so buyers come first.
    let (mut buyers, mut others): (Vec<&Customer>, Vec<&Customer>) = people
        .iter()
        .copied()
        .filter(|c| c.created_at <= old_enough)
        .partition(|c| !orders_for(orders_of, c).is_empty());
    shuffle(&mut rng, &mut buyers);
    shuffle(&mut rng, &mut others);
    let wanted = (people.len() + 4) / 8;
    let chosen: Vec<&Customer> = buyers.into_iter().chain(others).take(wanted).collect();
    let active = ACTIVE_SCENARIOS.len().min(chosen.len() / 8);
    let causes = cause_deck(&mut rng);

    let mut handled = Vec::with_capacity(chosen.len());
    for (index, customer) in chosen.into_iter().enumerate() {
        let settled_index = index.saturating_sub(active);
        let scenario = match ACTIVE_SCENARIOS.get(index).filter(|_| index < active) {
            Some(scenario) => *scenario,
            // Three in five settled at the first contact, the others after waiting on
            // the buyer: the statistics show a believable first-contact rate.
            None => Scenario::Settled {
                first_contact: matches!(settled_index % 5, 0 | 2 | 4),
                close: rng.chance(55),
            },
        };
        let cause = causes
            .get(index % causes.len().max(1))
            .copied()
            .unwrap_or(ComplaintCause::Logistics);
        let story = pick_story(&mut rng, cause);
        let orders = orders_for(orders_of, customer);
        if let Some(complaint) =
            build_complaint(&mut rng, customer, &orders, story, scenario, clock)
        {
            handled.push(HandledComplaint {
                complaint,
                customer,
                story,
                rep: account_rep(customer),
            });
        }
    }
    handled
}

/// The causes in shuffled order, each as often as its weight: every run of twenty
/// complaints covers every cause.
fn cause_deck(rng: &mut DemoRng) -> Vec<ComplaintCause> {
    let mut deck: Vec<ComplaintCause> = CAUSE_DECK
        .iter()
        .flat_map(|&(cause, weight)| std::iter::repeat_n(cause, weight))
        .collect();
    shuffle(rng, &mut deck);
    deck
}

fn pick_story(rng: &mut DemoRng, cause: ComplaintCause) -> &'static Story {
    let matching: Vec<&'static Story> = STORIES.iter().filter(|s| s.cause == cause).collect();
    pick_from(rng, &matching).unwrap_or(&STORIES[0])
}

fn build_complaint(
    rng: &mut DemoRng,
    customer: &Customer,
    orders: &[&Order],
    story: &'static Story,
    scenario: Scenario,
    clock: DateTime<Utc>,
) -> Option<Complaint> {
    let (opened_at, order) = match scenario {
        Scenario::Settled { .. } => settled_opening(rng, customer, orders, clock)?,
        Scenario::Reopened { days_ago, .. } => {
            let opened_at = earlier(clock, days_ago * DAY + rng.below(6 * 60) as i64);
            (opened_at, recent_order(orders, opened_at))
        }
        Scenario::Untouched { hours_ago }
        | Scenario::Handling { hours_ago, .. }
        | Scenario::AwaitingAnswer { hours_ago, .. }
        | Scenario::Answered { hours_ago, .. } => {
            let opened_at = earlier(clock, hours_ago * HOUR + rng.below(50) as i64);
            (opened_at, recent_order(orders, opened_at))
        }
    };
    if opened_at < customer.created_at || opened_at > clock {
        return None;
    }
    let facts = ComplaintFacts {
        customer,
        order,
        story,
    };
    let id = format!("demo-complaint-{}", customer.id.as_str());
    let complaint = facts.received(Complaint::open(id, customer.id.clone(), opened_at));
    let complaint = match scenario {
        Scenario::Untouched { .. } => complaint,
        Scenario::Handling { recorded, .. } => {
            let listened_at = later(opened_at, 10 + rng.below(80) as i64);
            let complaint = facts.listened(rng, complaint, listened_at);
            if recorded {
                facts.recorded(rng, complaint)
            } else {
                complaint
            }
        }
        Scenario::AwaitingAnswer {
            asked_hours_ago, ..
        } => {
            let listened_at = later(opened_at, 15 + rng.below(90) as i64);
            let complaint = facts.listened(rng, complaint, listened_at);
            let complaint = facts.recorded(rng, complaint);
            let complaint = facts.proposed(rng, complaint);
            let asked_at = earlier(clock, asked_hours_ago * HOUR + rng.below(40) as i64);
            moved(complaint, ComplaintState::AwaitingCustomer, asked_at)
        }
        Scenario::Answered {
            answered_hours_ago, ..
        } => {
            let listened_at = later(opened_at, 15 + rng.below(60) as i64);
            let complaint = facts.listened(rng, complaint, listened_at);
            let complaint = facts.recorded(rng, complaint);
            let asked_at = later(listened_at, 2 * HOUR + rng.below(120) as i64);
            let complaint = moved(complaint, ComplaintState::AwaitingCustomer, asked_at);
            let answered_at = earlier(clock, answered_hours_ago * HOUR + rng.below(40) as i64);
            customer_wrote(&complaint, answered_at)
        }
        Scenario::Reopened {
            wrote_hours_ago,
            was_closed,
            ..
        } => {
            let wrote_at = earlier(clock, wrote_hours_ago * HOUR + rng.below(40) as i64);
            let settled = facts.settle(rng, complaint, true, was_closed, earlier(wrote_at, HOUR));
            customer_wrote(&settled, wrote_at)
        }
        Scenario::Settled {
            first_contact,
            close,
        } => facts.settle(rng, complaint, first_contact, close, clock),
    };
    Some(complaint)
}

/// When a settled complaint opened, and about which order: a few days to three weeks
/// after an order of the last year where there is one, so "by month" spreads.
fn settled_opening<'o>(
    rng: &mut DemoRng,
    customer: &Customer,
    orders: &[&'o Order],
    clock: DateTime<Utc>,
) -> Option<(DateTime<Utc>, Option<&'o Order>)> {
    let earliest = later(customer.created_at, DAY).max(earlier(clock, COMPLAINT_HISTORY));
    let latest = earlier(clock, SETTLED_LATEST_OPENING);
    if earliest > latest {
        return None;
    }
    let fitting: Vec<&'o Order> = orders
        .iter()
        .copied()
        .filter(|o| {
            let placed = noon(o.placed_on);
            placed >= earlier(earliest, 20 * DAY) && placed <= earlier(latest, 3 * DAY)
        })
        .collect();
    if let Some(order) = pick_from(rng, &fitting) {
        let delay = 3 * DAY + rng.below(17 * DAY as u64) as i64;
        let opened = later(noon(order.placed_on), delay).clamp(earliest, latest);
        return Some((opened, Some(order)));
    }
    let opened = random_between(rng, earliest, latest)?;
    Some((opened, recent_order(orders, opened)))
}

/// A complaint without a chosen order is about the latest one placed at least two
/// days before it: time enough to ship and for something to go wrong.
fn recent_order<'o>(orders: &[&'o Order], opened_at: DateTime<Utc>) -> Option<&'o Order> {
    let at = earlier(opened_at, 2 * DAY);
    orders
        .iter()
        .copied()
        .filter(|o| noon(o.placed_on) <= at)
        .max_by(|a, b| a.placed_on.cmp(&b.placed_on).then_with(|| a.id.cmp(&b.id)))
}

/// What the demo knows about one complaint, filled into the card step by step as the
/// wizard would.
struct ComplaintFacts<'a> {
    customer: &'a Customer,
    order: Option<&'a Order>,
    story: &'static Story,
}

impl ComplaintFacts<'_> {
    /// The buyer's message as it arrived, before anybody worked on it.
    fn received(&self, mut c: Complaint) -> Complaint {
        c.customer_words = self.words_in_buyer_language().to_owned();
        c.channel = self.marketplace();
        c.order_ref = self.order.map(|o| o.number.clone()).unwrap_or_default();
        c
    }

    /// Step 1 done: the state moves Open -> InProgress, as completing Listen does.
    fn listened(&self, rng: &mut DemoRng, c: Complaint, at: DateTime<Utc>) -> Complaint {
        let mut c = moved(c, ComplaintState::InProgress, at);
        c.temperament = Some(weighted(
            rng,
            &[
                (Temperament::Emotional, 45),
                (Temperament::Stubborn, 30),
                (Temperament::Prepared, 25),
            ],
            Temperament::Emotional,
        ));
        c.completed_step = c.completed_step.max(Some(WizardStep::Listen));
        c
    }

    /// Step 2 done: who, what, when, what they want, and whether it is justified.
    fn recorded(&self, rng: &mut DemoRng, mut c: Complaint) -> Complaint {
        let opened_on = c.opened_at.date_naive();
        let purchased_on = self.order.map(|o| o.placed_on).filter(|d| *d <= opened_on);
        let mut happened_on = opened_on
            .checked_sub_days(Days::new(rng.below(3)))
            .unwrap_or(opened_on);
        if let Some(purchased) = purchased_on {
            happened_on = happened_on.max(purchased);
        }
        c.complainant = self.complainant();
        c.cause = Some(self.story.cause);
        c.what_happened = self.story.what_happened.to_owned();
        c.happened_on = Some(happened_on);
        c.product = self.story.product.to_owned();
        c.purchased_on = purchased_on;
        c.usage = self.story.usage.to_owned();
        c.wanted_outcome = self.story.wanted_outcome.to_owned();
        c.wanted_how = self.story.wanted_how.to_owned();
        c.validity = Some(self.story.validity);
        c.validity_reason = self.story.validity_reason.to_owned();
        c.completed_step = c.completed_step.max(Some(WizardStep::Record));
        c
    }

    /// Step 3 done: the remedy, with its amount in the order currency where it is
    /// money. Without an order there is nothing to refund, so we apologise.
    fn proposed(&self, rng: &mut DemoRng, mut c: Complaint) -> Complaint {
        let remedy = match self.order {
            Some(order) => Remedy {
                kind: self.story.remedy,
                amount: remedy_amount(rng, self.story.remedy, order),
                note: self.story.remedy_note.to_owned(),
            },
            None => Remedy {
                kind: RemedyKind::Apology,
                amount: None,
                note: "Apologised; no order on file to refund.".to_owned(),
            },
        };
        c.remedy = Some(remedy);
        c.completed_step = c.completed_step.max(Some(WizardStep::Remedy));
        c
    }

    /// Listen, record, remedy, follow up and resolve (then maybe close), all before
    /// `latest`. Resolution comes 2 h to 6 days after opening.
    fn settle(
        &self,
        rng: &mut DemoRng,
        c: Complaint,
        first_contact: bool,
        close: bool,
        latest: DateTime<Utc>,
    ) -> Complaint {
        let opened_at = c.opened_at;
        let listened_at = later(opened_at, 10 + rng.below(230) as i64);
        let c = self.listened(rng, c, listened_at);
        let mut c = self.recorded(rng, c);
        let resolved_at = if first_contact {
            later(opened_at, 2 * HOUR + rng.below(46 * 60) as i64).max(later(listened_at, 15))
        } else {
            let asked_at = later(listened_at, 20 + rng.below(280) as i64);
            c = moved(c, ComplaintState::AwaitingCustomer, asked_at);
            let answered_at = later(asked_at, 2 * HOUR + rng.below(38 * 60) as i64);
            c = customer_wrote(&c, answered_at);
            later(answered_at, HOUR + rng.below(29 * 60) as i64)
        };
        let mut c = self.proposed(rng, c);
        // The satisfaction call: one to three days later, in the buyer's daytime.
        let call_day = days_after(resolved_at.date_naive(), 1 + rng.below(3));
        let follow_up_at = customer_local_time(
            self.customer,
            call_day,
            9 + rng.below(9) as u32,
            15 * rng.below(4) as u32,
        )
        .max(later(resolved_at, 2 * HOUR));
        c.follow_up_at = Some(follow_up_at);
        c.outcome = self.story.outcome.to_owned();
        c.satisfaction = Some(satisfaction(rng, self.story.validity));
        c.completed_step = Some(WizardStep::FollowUp);
        let c = moved(c, ComplaintState::Resolved, resolved_at);
        if !close {
            return c;
        }
        let closing_from = later(follow_up_at, HOUR);
        let closing_until = later(follow_up_at, 4 * DAY).min(latest);
        match random_between(rng, closing_from, closing_until) {
            Some(closed_at) => moved(c, ComplaintState::Closed, closed_at),
            None => c,
        }
    }

    fn words_in_buyer_language(&self) -> &'static str {
        let [english, spanish, french, german] = self.story.words;
        let language = self.customer.language.to_ascii_lowercase();
        match language.split(['-', '_']).next().unwrap_or_default() {
            "es" => spanish,
            "fr" => french,
            "de" => german,
            // Marketplace buyers of other languages mostly write in English.
            _ => english,
        }
    }

    fn marketplace(&self) -> String {
        match self.order {
            Some(order) if !order.channel.trim().is_empty() => order.channel.clone(),
            _ => "Own web shop".to_owned(),
        }
    }

    /// At a company the person who wrote, on behalf of the company.
    fn complainant(&self) -> String {
        match &self.customer.profile {
            Profile::Company(company) => match company.contacts.first() {
                Some(person) => format!("{} ({})", person.name, self.customer.name),
                None => self.customer.name.clone(),
            },
            Profile::Individual(_) => self.customer.name.clone(),
        }
    }
}

/// Applies a move the scenario knows to be legal. Should the complaint rules ever
/// refuse it, the demo keeps the complaint as it was rather than invent history.
fn moved(c: Complaint, to: ComplaintState, at: DateTime<Utc>) -> Complaint {
    move_state(&c, to, at).unwrap_or(c)
}

fn remedy_amount(rng: &mut DemoRng, kind: RemedyKind, order: &Order) -> Option<Money> {
    let total = order.total.minor.max(0);
    let minor = match kind {
        RemedyKind::Refund => total,
        RemedyKind::PartialRefund => percent_of(total, 15 + rng.below(26)),
        RemedyKind::Compensation => percent_of(total, 8 + rng.below(13)),
        RemedyKind::Coupon => percent_of(total, 10),
        RemedyKind::Resend => percent_of(total, 6 + rng.below(6)),
        // What a replacement costs us is the goods, if we know them.
        RemedyKind::Replacement => order.cost_of_goods.max(0),
        RemedyKind::Repair | RemedyKind::Apology => 0,
    };
    if kind.requires_amount() {
        // A money remedy of nothing would be refused by the wizard.
        Some(Money::new(minor.max(1), order.total.currency))
    } else {
        (minor > 0 && kind.allows_amount()).then(|| Money::new(minor, order.total.currency))
    }
}

fn percent_of(minor: i64, percent: u64) -> i64 {
    let share = i128::from(minor) * i128::from(percent) / 100;
    i64::try_from(share).unwrap_or(i64::MAX)
}

/// Mostly satisfied (4-5), less so when we judged the complaint unfounded.
fn satisfaction(rng: &mut DemoRng, validity: Validity) -> u8 {
    let weights: &[(u8, u64)] = match validity {
        Validity::NotValid => &[(2, 15), (3, 35), (4, 35), (5, 15)],
        Validity::Valid | Validity::Partly => &[(1, 3), (2, 5), (3, 12), (4, 35), (5, 45)],
    };
    weighted(rng, weights, 4)
}

/// The contact log of a complaint, read from its history: the buyer's first message
/// on the opening day, our questions, their answers, the settlement and a relapse.
fn complaint_contacts(
    item: &HandledComplaint<'_>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<Contact> {
    let c = &item.complaint;
    let channel = if c.order_ref.is_empty() {
        ContactChannel::Email
    } else {
        ContactChannel::PlatformMessage
    };
    let answered = c.state != ComplaintState::Open;
    let mut contacts = vec![Contact {
        id: numbers.id("contact", &c.customer_id),
        customer_id: c.customer_id.clone(),
        at: c.opened_at,
        channel,
        direction: Direction::Inbound,
        rep: item.rep.to_owned(),
        summary: if c.order_ref.is_empty() {
            format!("Complaint: {}", item.story.headline)
        } else {
            format!(
                "Complaint about order {}: {}",
                c.order_ref, item.story.headline
            )
        },
        outcome: if answered {
            "Acknowledged and apologised; complaint card opened".to_owned()
        } else {
            String::new()
        },
        next_step: if answered {
            String::new()
        } else {
            "Answer within 24 hours".to_owned()
        },
        complaint_id: Some(c.id.clone()),
    }];
    for change in &c.history {
        let (direction, summary, outcome) = match (change.from, change.to) {
            (_, ComplaintState::AwaitingCustomer) => (
                Direction::Outbound,
                format!("Asked the buyer for {}", item.story.asked_for),
                String::new(),
            ),
            (ComplaintState::AwaitingCustomer, ComplaintState::InProgress) => (
                Direction::Inbound,
                format!("The buyer sent {}", item.story.asked_for),
                "Enough to decide the remedy".to_owned(),
            ),
            (_, ComplaintState::Resolved) => (
                Direction::Outbound,
                format!("Settled: {}", remedy_summary(c.remedy.as_ref())),
                "The buyer accepted".to_owned(),
            ),
            (_, ComplaintState::Reopened) => (
                Direction::Inbound,
                "The buyer wrote again: the problem is not solved".to_owned(),
                "Complaint reopened".to_owned(),
            ),
            _ => continue,
        };
        contacts.push(Contact {
            id: numbers.id("contact", &c.customer_id),
            customer_id: c.customer_id.clone(),
            at: change.at,
            channel,
            direction,
            rep: item.rep.to_owned(),
            summary,
            outcome,
            next_step: String::new(),
            complaint_id: Some(c.id.clone()),
        });
    }
    contacts
}

fn remedy_summary(remedy: Option<&Remedy>) -> String {
    let Some(remedy) = remedy else {
        return "remedy agreed".to_owned();
    };
    let kind = match remedy.kind {
        RemedyKind::Refund => "refund",
        RemedyKind::PartialRefund => "partial refund",
        RemedyKind::Replacement => "replacement",
        RemedyKind::Resend => "resend",
        RemedyKind::Repair => "repair",
        RemedyKind::Coupon => "coupon",
        RemedyKind::Apology => "apology",
        RemedyKind::Compensation => "compensation",
    };
    match remedy.amount {
        Some(amount) => format!("{kind} of {}", amount.format_plain()),
        None => kind.to_owned(),
    }
}

/// The satisfaction call of a settled complaint, already made. Its id is the one the
/// wizard uses for a complaint's follow-up, so editing step 4 of a demo complaint
/// updates this entry instead of adding a second one.
fn complaint_follow_up_done(item: &HandledComplaint<'_>, clock: DateTime<Utc>) -> Option<FollowUp> {
    let c = &item.complaint;
    let due_at = c.follow_up_at.filter(|due| *due <= clock)?;
    let created_at = c
        .history
        .iter()
        .find(|change| change.to == ComplaintState::Resolved)
        .map_or(c.opened_at, |change| change.at);
    Some(FollowUp {
        id: format!("complaint-follow-up:{}", c.id),
        customer_id: c.customer_id.clone(),
        rep: item.rep.to_owned(),
        due_at,
        duration_minutes: 30,
        purpose: "Check the buyer is satisfied with the remedy".to_owned(),
        complaint_id: Some(c.id.clone()),
        // Done when the call ended.
        done_at: Some(later(due_at, 30).min(clock)),
        created_at: created_at.min(due_at),
    })
}

// ---------------------------------------------------------------------------
// Routine contacts
// ---------------------------------------------------------------------------

/// Everyday cross-border service work, pre-sale to after-sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    TrackingSent,
    AddressChange,
    DelayNotice,
    OutOfStock,
    ReviewRequest,
    RepeatThanks,
    CustomsQuestion,
    PreSaleQuestion,
    PaymentProblem,
    HolidayGreeting,
    BirthdayGreeting,
    WholesaleQuote,
    WinBack,
}

/// One logged contact before it gets its id.
struct ContactNote {
    at: DateTime<Utc>,
    channel: ContactChannel,
    direction: Direction,
    summary: String,
    outcome: String,
    next_step: String,
}

/// One to four contacts for about half the customers.
fn routine_contacts(
    people: &[&Customer],
    orders_of: &BTreeMap<CustomerId, Vec<&Order>>,
    seed: u64,
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<Contact> {
    let mut rng = DemoRng::new(seed ^ CONTACT_STREAM);
    let mut contacts = Vec::new();
    for customer in people {
        if !rng.chance(50) {
            continue;
        }
        let orders = orders_for(orders_of, customer);
        let owner = account_rep(customer);
        let count = 1 + rng.below(4);
        let mut notes: Vec<ContactNote> = (0..count)
            .filter_map(|_| {
                let topic = pick_topic(&mut rng, customer, &orders)?;
                contact_note(&mut rng, topic, customer, &orders, clock)
            })
            .collect();
        notes.sort_by_key(|note| note.at);
        for note in notes {
            // Mostly the account's own rep; colleagues cover days off.
            let rep = if rng.chance(75) {
                owner
            } else {
                *rng.pick(&DEMO_REPS)
            };
            contacts.push(Contact {
                id: numbers.id("contact", &customer.id),
                customer_id: customer.id.clone(),
                at: note.at,
                channel: note.channel,
                direction: note.direction,
                rep: rep.to_owned(),
                summary: note.summary,
                outcome: note.outcome,
                next_step: note.next_step,
                complaint_id: None,
            });
        }
    }
    contacts
}

/// A topic that fits the customer: order topics need an order, a win-back a lost
/// customer, a wholesale quote a company, a birthday greeting a birthday.
fn pick_topic(rng: &mut DemoRng, customer: &Customer, orders: &[&Order]) -> Option<Topic> {
    let has_order = !orders.is_empty();
    let has_birthday = matches!(
        &customer.profile,
        Profile::Individual(person) if person.birthday.is_some()
    );
    let is_company = matches!(customer.profile, Profile::Company(_));
    let candidates: Vec<(Topic, u64)> = [
        (Topic::TrackingSent, 5, has_order),
        (Topic::AddressChange, 2, has_order),
        (Topic::DelayNotice, 2, has_order),
        (Topic::OutOfStock, 1, has_order),
        (Topic::ReviewRequest, 3, has_order),
        (Topic::RepeatThanks, 2, orders.len() >= 2),
        (Topic::CustomsQuestion, 3, true),
        (Topic::PreSaleQuestion, 2, true),
        (Topic::PaymentProblem, 1, true),
        (Topic::HolidayGreeting, 2, true),
        (Topic::BirthdayGreeting, 1, has_birthday),
        (Topic::WholesaleQuote, 3, is_company),
        (Topic::WinBack, 3, customer.stage == RelationshipStage::Lost),
    ]
    .into_iter()
    .filter(|&(_, _, fits)| fits)
    .map(|(topic, weight, _)| (topic, weight))
    .collect();
    let first = candidates.first()?.0;
    Some(weighted(rng, &candidates, first))
}

fn contact_note(
    rng: &mut DemoRng,
    topic: Topic,
    customer: &Customer,
    orders: &[&Order],
    clock: DateTime<Utc>,
) -> Option<ContactNote> {
    let order = pick_from(rng, orders);
    let number = order.map_or_else(String::new, |o| o.number.clone());
    // Contacts about an order follow it by the given days; others fall anywhere in
    // the customer's recent history.
    let after_order = |rng: &mut DemoRng, from_days: i64, to_days: i64| {
        let placed = noon(order?.placed_on);
        within_history(
            rng,
            customer,
            clock,
            later(placed, from_days * DAY),
            later(placed, to_days * DAY),
        )
    };
    let note = |at, channel, direction, summary: String, outcome: &str, next_step: &str| {
        Some(ContactNote {
            at,
            channel,
            direction,
            summary,
            outcome: outcome.to_owned(),
            next_step: next_step.to_owned(),
        })
    };
    match topic {
        Topic::TrackingSent => {
            let at = after_order(rng, 1, 3)?;
            let tracking = format!("LP{:011}CN", rng.below(100_000_000_000));
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::PlatformMessage]),
                Direction::Outbound,
                format!("Sent tracking number {tracking} for order {number}"),
                "The buyer thanked us",
                "Check the delivery scan in 7 days",
            )
        }
        Topic::AddressChange => {
            let at = after_order(rng, 0, 1)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Chat, ContactChannel::PlatformMessage]),
                Direction::Inbound,
                format!("Asked to change the delivery address of order {number} before dispatch"),
                "The warehouse relabelled the parcel before pickup",
                "Confirm the new address in the shipping notice",
            )
        }
        Topic::DelayNotice => {
            let at = after_order(rng, 5, 15)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Sms]),
                Direction::Outbound,
                format!("Warned of a carrier backlog: order {number} about 5 days late"),
                "The buyer accepted the new delivery estimate",
                "Send a tracking update when the parcel clears the hub",
            )
        }
        Topic::OutOfStock => {
            let at = after_order(rng, 0, 1)?;
            note(
                at,
                ContactChannel::PlatformMessage,
                Direction::Outbound,
                format!("Item of order {number} out of stock: offered a similar model or a refund"),
                one_of(
                    rng,
                    &[
                        "The buyer chose the similar model",
                        "The buyer preferred to wait for the restock",
                    ],
                ),
                "",
            )
        }
        Topic::ReviewRequest => {
            if order.is_some_and(|o| o.status != OrderStatus::Delivered) {
                return None;
            }
            let at = after_order(rng, 10, 25)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::PlatformMessage]),
                Direction::Outbound,
                format!("Asked for a review after delivery of order {number}"),
                one_of(
                    rng,
                    &[
                        "The buyer left a 5-star review",
                        "The buyer left 4 stars and a photo",
                        "No reply yet",
                    ],
                ),
                "",
            )
        }
        Topic::RepeatThanks => {
            let at = after_order(rng, 0, 2)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Phone]),
                Direction::Outbound,
                format!("Thanked for repeat order {number} and suggested matching accessories"),
                one_of(
                    rng,
                    &[
                        "The buyer added a spare cable to the order",
                        "The buyer will think about it",
                    ],
                ),
                "",
            )
        }
        Topic::CustomsQuestion => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                *rng.pick(&[
                    ContactChannel::Email,
                    ContactChannel::Chat,
                    ContactChannel::PlatformMessage,
                ]),
                Direction::Inbound,
                format!(
                    "Asked whether customs duties and import VAT are due on delivery to {}",
                    customer.country
                ),
                "Explained the duty-free threshold and sent the customs FAQ",
                "",
            )
        }
        Topic::PreSaleQuestion => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Chat, ContactChannel::PlatformMessage]),
                Direction::Inbound,
                "Asked whether the charger fits local sockets and which voltage it takes"
                    .to_owned(),
                "Confirmed 100-240 V with a local plug included",
                "Send a discount code if no order in 3 days",
            )
        }
        Topic::PaymentProblem => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                ContactChannel::Chat,
                Direction::Inbound,
                "Card payment failed at checkout; sent an alternative payment link".to_owned(),
                "Paid with the link the same day",
                "",
            )
        }
        Topic::HolidayGreeting => {
            let at = anytime(rng, customer, clock)?;
            let channel = if matches!(customer.profile, Profile::Company(_)) {
                *rng.pick(&[ContactChannel::Gift, ContactChannel::Letter])
            } else {
                ContactChannel::Email
            };
            note(
                at,
                channel,
                Direction::Outbound,
                format!("Sent {} greetings", buyer_holiday(&customer.country)),
                one_of(rng, &["The buyer replied with thanks", ""]),
                "",
            )
        }
        Topic::BirthdayGreeting => {
            let at = last_birthday(customer, clock)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Sms]),
                Direction::Outbound,
                "Sent a birthday greeting with a 10% coupon".to_owned(),
                "",
                "",
            )
        }
        Topic::WholesaleQuote => {
            let at = anytime(rng, customer, clock)?;
            note(
                at,
                *rng.pick(&[
                    ContactChannel::Email,
                    ContactChannel::Phone,
                    ContactChannel::Visit,
                ]),
                Direction::Inbound,
                "The purchaser asked for a wholesale price list for 200+ units".to_owned(),
                "Sent the price list with tiered discounts",
                "Call back next week about a sample order",
            )
        }
        Topic::WinBack => {
            let last_order = orders.last().map(|o| noon(o.placed_on));
            let from = last_order.map_or(customer.created_at, |at| later(at, 300 * DAY));
            let at = within_history(rng, customer, clock, from, clock)?;
            note(
                at,
                *rng.pick(&[ContactChannel::Email, ContactChannel::Phone]),
                Direction::Outbound,
                "Win-back call: asked why the orders stopped".to_owned(),
                "Buys locally now for faster delivery; offered free express shipping",
                "Follow up on the offer in two weeks",
            )
        }
    }
}

/// A moment in [from, to] that is also after the customer was created, inside the
/// contact history and not after `clock`.
fn within_history(
    rng: &mut DemoRng,
    customer: &Customer,
    clock: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let from = from
        .max(later(customer.created_at, 1))
        .max(earlier(clock, CONTACT_HISTORY));
    random_between(rng, from, to.min(clock))
}

fn anytime(rng: &mut DemoRng, customer: &Customer, clock: DateTime<Utc>) -> Option<DateTime<Utc>> {
    within_history(rng, customer, clock, customer.created_at, clock)
}

/// 09:00 UTC on the customer's most recent birthday that falls in their history.
fn last_birthday(customer: &Customer, clock: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let Profile::Individual(person) = &customer.profile else {
        return None;
    };
    let birthday = person.birthday?;
    let this_year = clock.year();
    [this_year, this_year - 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day()))
        .map(|date| later(start_of(date), 9 * HOUR))
        .find(|at| *at <= clock && *at > customer.created_at)
}

/// The buyer's own holidays, not only ours.
fn buyer_holiday(country: &str) -> &'static str {
    match country {
        "US" => "Thanksgiving",
        "CA" => "Christmas and New Year",
        "JP" => "New Year (Oshōgatsu)",
        "KR" => "Chuseok",
        "SA" | "AE" | "TR" => "Eid al-Fitr",
        "RU" => "New Year",
        "MX" => "Día de Muertos",
        "CL" => "Fiestas Patrias",
        "SE" => "Midsummer",
        "NL" => "Sinterklaas",
        "PL" => "Easter",
        _ => "Christmas",
    }
}

// ---------------------------------------------------------------------------
// Follow-ups
// ---------------------------------------------------------------------------

/// Where an open follow-up sits on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    /// Up to three days late.
    Overdue,
    /// Later today.
    Today,
    /// Within the next ten days.
    Ahead,
}

/// About 40 open follow-ups (overdue, due today, coming), some done ones, and two
/// pairs that overlap for the same rep so the demo shows the conflict warning.
fn planned_follow_ups(
    people: &[&Customer],
    handled: &[HandledComplaint<'_>],
    seed: u64,
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<FollowUp> {
    let mut rng = DemoRng::new(seed ^ FOLLOW_UP_STREAM);
    let mut order: Vec<&Customer> = people.to_vec();
    shuffle(&mut rng, &mut order);
    let open_target = (people.len() / 15).clamp(people.len().min(4), MAX_OPEN_FOLLOW_UPS);
    let mut open: Vec<FollowUp> = Vec::new();

    if open_target >= 4 {
        open.extend(overlapping_pairs(&mut rng, &order, clock, numbers));
    }

    for item in handled {
        if open.len() >= open_target {
            break;
        }
        let c = &item.complaint;
        let (due, purpose) = match c.state {
            ComplaintState::InProgress => (
                Due::Today,
                format!("Call back with a remedy: {}", item.story.headline),
            ),
            ComplaintState::AwaitingCustomer => (
                Due::Ahead,
                format!("Remind the buyer to send {}", item.story.asked_for),
            ),
            ComplaintState::Reopened => (
                Due::Overdue,
                format!("Call about the reopened complaint: {}", item.story.headline),
            ),
            _ => continue,
        };
        let created_at = c.updated_at.min(clock);
        let due_at = due_time(&mut rng, due, item.customer, later(created_at, 30), clock);
        let candidate = FollowUp {
            id: numbers.id("follow-up", &c.customer_id),
            customer_id: c.customer_id.clone(),
            rep: item.rep.to_owned(),
            due_at,
            duration_minutes: duration(&mut rng),
            purpose,
            complaint_id: Some(c.id.clone()),
            done_at: None,
            created_at,
        };
        open.push(without_conflict(
            candidate,
            &open,
            item.customer.created_at,
            clock,
        ));
    }

    let mut routine = 0usize;
    while open.len() < open_target {
        let Some(customer) = order.get(routine % order.len().max(1)).copied() else {
            break;
        };
        let due = match routine % 5 {
            0 => Due::Overdue,
            1 => Due::Today,
            _ => Due::Ahead,
        };
        routine += 1;
        let due_at = due_time(&mut rng, due, customer, customer.created_at, clock);
        let candidate = FollowUp {
            id: numbers.id("follow-up", &customer.id),
            customer_id: customer.id.clone(),
            rep: account_rep(customer).to_owned(),
            due_at,
            duration_minutes: duration(&mut rng),
            purpose: purpose_for(&mut rng, customer).to_owned(),
            complaint_id: None,
            done_at: None,
            created_at: booked_at(&mut rng, customer, due_at, clock),
        };
        open.push(without_conflict(
            candidate,
            &open,
            customer.created_at,
            clock,
        ));
    }

    let done = done_follow_ups(&mut rng, &order, open_target / 2, clock, numbers);
    open.into_iter().chain(done).collect()
}

/// Two pairs booked on top of each other (same rep, overlapping slots): the
/// follow-up form's conflict warning has something to show in the demo.
fn overlapping_pairs(
    rng: &mut DemoRng,
    order: &[&Customer],
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<FollowUp> {
    const PAIRS: [(&str, u64, [&str; 2]); 2] = [
        (
            "Mei",
            1,
            [
                "Call the purchaser about the wholesale quote",
                "Confirm the sample order details",
            ],
        ),
        (
            "Lukas",
            3,
            [
                "Present the holiday catalogue",
                "Check the replacement arrived in good shape",
            ],
        ),
    ];
    let mut pairs = Vec::new();
    for (pair_index, (rep, days_ahead, purposes)) in PAIRS.into_iter().enumerate() {
        let first = order.get((pair_index * 2) % order.len().max(1)).copied();
        let second = order
            .get((pair_index * 2 + 1) % order.len().max(1))
            .copied();
        let (Some(first), Some(second)) = (first, second) else {
            continue;
        };
        let starts_at =
            customer_local_time(first, days_after(clock.date_naive(), days_ahead), 10, 0);
        for (slot, (customer, purpose)) in [(first, purposes[0]), (second, purposes[1])]
            .into_iter()
            .enumerate()
        {
            let due_at = later(starts_at, 15 * slot as i64);
            pairs.push(FollowUp {
                id: numbers.id("follow-up", &customer.id),
                customer_id: customer.id.clone(),
                rep: rep.to_owned(),
                due_at,
                duration_minutes: if slot == 0 { 30 } else { 45 },
                purpose: purpose.to_owned(),
                complaint_id: None,
                done_at: None,
                created_at: booked_at(rng, customer, due_at, clock),
            });
        }
    }
    pairs
}

/// Follow-ups already made in the last two months.
fn done_follow_ups(
    rng: &mut DemoRng,
    order: &[&Customer],
    count: usize,
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<FollowUp> {
    let mut done = Vec::new();
    // From the end of the shuffled list, so they mostly land on other customers than
    // the open ones.
    for customer in order.iter().rev().take(count) {
        let from = later(customer.created_at, DAY).max(earlier(clock, 60 * DAY));
        let Some(due_at) = random_between(rng, from, earlier(clock, DAY)) else {
            continue;
        };
        let due_at = floor_to_quarter(due_at).max(customer.created_at);
        let done_at = later(due_at, rng.below(120) as i64).min(clock);
        done.push(FollowUp {
            id: numbers.id("follow-up", &customer.id),
            customer_id: customer.id.clone(),
            rep: account_rep(customer).to_owned(),
            due_at,
            duration_minutes: duration(rng),
            purpose: purpose_for(rng, customer).to_owned(),
            complaint_id: None,
            done_at: Some(done_at),
            created_at: booked_at(rng, customer, due_at, clock),
        });
    }
    done
}

fn purpose_for(rng: &mut DemoRng, customer: &Customer) -> &'static str {
    if matches!(customer.profile, Profile::Company(_)) && rng.chance(50) {
        return one_of(
            rng,
            &[
                "Quarterly call with the purchaser about the next bulk order",
                "Send the updated wholesale price list",
            ],
        );
    }
    match customer.stage {
        RelationshipStage::Lost => {
            "Win-back call: ask why orders stopped, offer free express shipping"
        }
        RelationshipStage::NonCustomer
        | RelationshipStage::Potential
        | RelationshipStage::Target => one_of(
            rng,
            &[
                "Answer the price question and send the catalogue",
                "Follow up on the shipping-cost question",
            ],
        ),
        RelationshipStage::FirstTime => one_of(
            rng,
            &[
                "Ask how the first order went and request a review",
                "Confirm the parcel cleared customs",
            ],
        ),
        RelationshipStage::Repeat => one_of(
            rng,
            &[
                "Suggest the new season's bundle",
                "Send the tracking update for the latest order",
            ],
        ),
        RelationshipStage::Loyal => one_of(
            rng,
            &[
                "Thank-you call; offer early access to the holiday sale",
                "Ask for feedback on the new product line",
            ],
        ),
    }
}

/// 15 to 45 minutes in steps of five.
fn duration(rng: &mut DemoRng) -> u32 {
    15 + 5 * rng.below(7) as u32
}

/// When the rep booked the follow-up: a few days before it is due, never before the
/// customer existed, never after `clock`.
fn booked_at(
    rng: &mut DemoRng,
    customer: &Customer,
    due_at: DateTime<Utc>,
    clock: DateTime<Utc>,
) -> DateTime<Utc> {
    let booked = earlier(due_at.min(clock), DAY + rng.below(6 * DAY as u64) as i64);
    floor_to_quarter(booked).max(customer.created_at).min(clock)
}

fn due_time(
    rng: &mut DemoRng,
    due: Due,
    customer: &Customer,
    not_before: DateTime<Utc>,
    clock: DateTime<Utc>,
) -> DateTime<Utc> {
    let due_at = match due {
        Due::Overdue => floor_to_quarter(earlier(clock, HOUR + rng.below(71 * 60) as i64)),
        Due::Today => {
            let midnight = later(start_of(clock.date_naive()), DAY);
            let room = (midnight - clock).num_minutes();
            let ahead = if room >= 2 * HOUR {
                15 + rng.below((room - 45) as u64) as i64
            } else {
                15 + rng.below(105) as i64
            };
            // Rounding down to the quarter keeps it at least `clock`.
            floor_to_quarter(later(clock, ahead))
        }
        Due::Ahead => {
            let day = days_after(clock.date_naive(), 1 + rng.below(9));
            let hour = 9 + rng.below(9) as u32;
            let minute = 15 * rng.below(4) as u32;
            customer_local_time(customer, day, hour, minute)
        }
    };
    due_at.max(not_before).max(customer.created_at)
}

/// `hour:minute` on `date` in the customer's zone, so a call falls in the
/// customer's day rather than their night.
fn customer_local_time(
    customer: &Customer,
    date: NaiveDate,
    hour: u32,
    minute: u32,
) -> DateTime<Utc> {
    let local = later(start_of(date), i64::from(hour) * HOUR + i64::from(minute));
    earlier(local, standard_offset_minutes(&customer.time_zone))
}

fn days_after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// Standard-time UTC offsets of the demo's zones; summer time is ignored, as an
/// hour's shift still lands in the customer's day. Unknown zones count as UTC.
fn standard_offset_minutes(time_zone: &str) -> i64 {
    match time_zone {
        "America/New_York" | "America/Toronto" => -5 * HOUR,
        "America/Mexico_City" => -6 * HOUR,
        "America/Sao_Paulo" => -3 * HOUR,
        "America/Santiago" => -4 * HOUR,
        "Europe/Berlin" | "Europe/Paris" | "Europe/Madrid" | "Europe/Rome" | "Europe/Warsaw"
        | "Europe/Amsterdam" | "Europe/Stockholm" => HOUR,
        "Europe/Moscow" | "Europe/Istanbul" | "Asia/Riyadh" => 3 * HOUR,
        "Asia/Dubai" => 4 * HOUR,
        "Asia/Tokyo" | "Asia/Seoul" => 9 * HOUR,
        "Australia/Sydney" => 10 * HOUR,
        _ => 0,
    }
}

/// Moves a follow-up off booked slots: first to another rep, then by 50 minutes
/// (earlier while overdue, so it stays overdue; later otherwise). Only the two
/// deliberate pairs should trip the conflict warning.
fn without_conflict(
    mut candidate: FollowUp,
    booked: &[FollowUp],
    not_before: DateTime<Utc>,
    clock: DateTime<Utc>,
) -> FollowUp {
    let first_rep = DEMO_REPS
        .iter()
        .position(|rep| *rep == candidate.rep)
        .unwrap_or(0);
    for attempt in 1..=DEMO_REPS.len() * 8 {
        if conflicts(&candidate, booked).is_empty() {
            break;
        }
        let rep = (first_rep + attempt) % DEMO_REPS.len();
        candidate.rep = DEMO_REPS[rep].to_owned();
        if rep == first_rep {
            let sooner = earlier(candidate.due_at, 50);
            candidate.due_at = if candidate.due_at < clock && sooner >= not_before {
                sooner
            } else {
                later(candidate.due_at, 50)
            };
        }
    }
    candidate
}

// ---------------------------------------------------------------------------
// Small helpers: saturating time arithmetic in minutes, random picks
// ---------------------------------------------------------------------------

/// Saturates at the ends of representable time, so odd input cannot panic.
fn later(at: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    TimeDelta::try_minutes(minutes)
        .and_then(|span| at.checked_add_signed(span))
        .unwrap_or(if minutes >= 0 {
            DateTime::<Utc>::MAX_UTC
        } else {
            DateTime::<Utc>::MIN_UTC
        })
}

fn earlier(at: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    later(at, minutes.saturating_neg())
}

fn start_of(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

/// Orders carry a date only; noon is the demo's convention (as in `demo`).
fn noon(date: NaiveDate) -> DateTime<Utc> {
    later(start_of(date), 12 * HOUR)
}

fn whole_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .unwrap_or(at)
}

/// Reps book calls on the quarter hour.
fn floor_to_quarter(at: DateTime<Utc>) -> DateTime<Utc> {
    let at = whole_minute(at);
    at.with_minute(at.minute() / 15 * 15).unwrap_or(at)
}

/// A whole-minute step in [from, to], or None when the range is empty.
fn random_between(
    rng: &mut DemoRng,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let span = u64::try_from((to - from).num_minutes()).ok()?;
    let offset = i64::try_from(rng.below(span.saturating_add(1))).unwrap_or(0);
    Some(later(from, offset).min(to))
}

fn shuffle<T>(rng: &mut DemoRng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

fn pick_from<T: Copy>(rng: &mut DemoRng, items: &[T]) -> Option<T> {
    items.get(rng.below(items.len() as u64) as usize).copied()
}

fn one_of(rng: &mut DemoRng, texts: &[&'static str]) -> &'static str {
    pick_from(rng, texts).unwrap_or_default()
}

fn weighted<T: Copy>(rng: &mut DemoRng, choices: &[(T, u64)], fallback: T) -> T {
    let total: u64 = choices.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.below(total);
    for &(choice, weight) in choices {
        if roll < weight {
            return choice;
        }
        roll -= weight;
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::complaints::{
        apply_step, complaint_stats, response_clock, ComplaintDraft, ResponseTargets,
    };
    use crate::domain::contacts::{bucket, FollowUpBucket};
    use crate::domain::demo;
    use chrono::FixedOffset;
    use std::collections::HashMap;

    /// Mid-morning, with seconds, like a real click on the button.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 17).unwrap()
    }

    fn demo_data() -> demo::DemoData {
        demo::generate(600, demo::DEMO_SEED, now().date_naive())
    }

    fn demo_records(data: &demo::DemoData) -> DemoServiceRecords {
        generate_service_records(&data.customers, &data.orders, demo::DEMO_SEED, now())
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn same_inputs_give_the_same_records() {
        let data = demo_data();
        let first = demo_records(&data);
        let second = demo_records(&data);
        assert_eq!(first, second);
        let other_seed = generate_service_records(&data.customers, &data.orders, 1, now());
        assert_ne!(first, other_seed);
    }

    #[test]
    fn ids_are_unique_and_derived_from_customers() {
        let data = demo_data();
        let records = demo_records(&data);
        let mut seen = HashSet::new();
        let ids = records
            .complaints
            .iter()
            .map(|c| (&c.id, &c.customer_id))
            .chain(records.contacts.iter().map(|c| (&c.id, &c.customer_id)))
            .chain(records.follow_ups.iter().map(|f| (&f.id, &f.customer_id)));
        for (id, customer) in ids {
            assert!(seen.insert(id.clone()), "duplicate id {id}");
            assert!(
                id.contains(customer.as_str()),
                "{id} does not name its customer"
            );
        }
    }

    #[test]
    fn complaint_histories_obey_the_state_machine_in_time_order() {
        let data = demo_data();
        let records = demo_records(&data);
        for c in &records.complaints {
            let mut state = ComplaintState::Open;
            let mut at = c.opened_at;
            for change in &c.history {
                assert_eq!(change.from, state, "{}", c.id);
                assert!(
                    state.allowed_moves().contains(&change.to),
                    "{}: {:?} -> {:?}",
                    c.id,
                    change.from,
                    change.to
                );
                assert!(change.at > at, "{}: history out of order", c.id);
                state = change.to;
                at = change.at;
            }
            assert_eq!(c.state, state, "{}", c.id);
            assert_eq!(c.updated_at, at, "{}", c.id);
            assert!(c.last_customer_message_at >= c.opened_at);
            assert!(c.last_customer_message_at <= c.updated_at);
        }
    }

    #[test]
    fn settled_complaints_are_complete_and_resolved_in_time() {
        let data = demo_data();
        let records = demo_records(&data);
        let currency_of: HashMap<&str, _> = data
            .orders
            .iter()
            .map(|o| (o.number.as_str(), o.total.currency))
            .collect();
        let mut settled = 0;
        for c in &records.complaints {
            if !matches!(c.state, ComplaintState::Resolved | ComplaintState::Closed) {
                assert!(c.resolved_at.is_none(), "{}", c.id);
                continue;
            }
            settled += 1;
            let resolved_at = c.resolved_at.expect("settled complaints have resolved_at");
            let took = resolved_at - c.opened_at;
            assert!(
                took >= TimeDelta::hours(2) && took <= TimeDelta::days(6),
                "{} took {took}",
                c.id
            );
            assert!(matches!(c.satisfaction, Some(1..=5)), "{}", c.id);
            assert_eq!(c.completed_step, Some(WizardStep::FollowUp), "{}", c.id);
            assert!(
                !c.outcome.is_empty() && c.follow_up_at.is_some(),
                "{}",
                c.id
            );
            let remedy = c.remedy.as_ref().expect("settled complaints have a remedy");
            if remedy.kind.requires_amount() {
                let amount = remedy.amount.expect("money remedies carry their amount");
                assert!(amount.minor > 0, "{}", c.id);
                assert_eq!(
                    Some(&amount.currency),
                    currency_of.get(c.order_ref.as_str()),
                    "{}: remedy not in the order currency",
                    c.id
                );
            }
        }
        assert!(settled >= 50, "{settled} settled");
    }

    #[test]
    fn demo_complaints_pass_the_wizard_checks() {
        let data = demo_data();
        let records = demo_records(&data);
        for c in &records.complaints {
            let Some(done) = c.completed_step else {
                continue;
            };
            for step in WizardStep::ALL.into_iter().filter(|step| *step <= done) {
                let draft = ComplaintDraft::from_complaint(c, step, utc());
                let checked = apply_step(c, &draft, step, now(), utc());
                assert!(checked.is_ok(), "{} {step:?}: {:?}", c.id, checked.err());
            }
        }
    }

    /// Every record lies inside its customer's life: not before `created_at`, not
    /// after `now`, except open follow-ups (three days overdue to ten days ahead).
    fn assert_inside_customer_lives(customers: &[Customer], records: &DemoServiceRecords) {
        let created: HashMap<&CustomerId, DateTime<Utc>> =
            customers.iter().map(|c| (&c.id, c.created_at)).collect();
        let within = |customer: &CustomerId, at: DateTime<Utc>, what: &str| {
            let since = created[customer];
            assert!(
                at >= since,
                "{what} at {at} precedes customer created {since}"
            );
            assert!(at <= now(), "{what} at {at} is after now");
        };
        for c in &records.complaints {
            let mut moments = vec![c.opened_at, c.updated_at, c.last_customer_message_at];
            moments.extend(c.resolved_at);
            moments.extend(c.follow_up_at);
            moments.extend(c.history.iter().map(|change| change.at));
            for at in moments {
                within(&c.customer_id, at, &c.id);
            }
            for date in c.happened_on.iter().chain(c.purchased_on.iter()) {
                assert!(*date <= now().date_naive(), "{}", c.id);
            }
        }
        for contact in &records.contacts {
            within(&contact.customer_id, contact.at, &contact.id);
        }
        for f in &records.follow_ups {
            within(&f.customer_id, f.created_at, &f.id);
            assert!(f.due_at >= created[&f.customer_id], "{}", f.id);
            match f.done_at {
                Some(done_at) => {
                    within(&f.customer_id, f.due_at, &f.id);
                    within(&f.customer_id, done_at, &f.id);
                }
                None => {
                    assert!(f.due_at >= now() - TimeDelta::days(3), "{}", f.id);
                    assert!(f.due_at <= now() + TimeDelta::days(11), "{}", f.id);
                }
            }
            assert!((15..=45).contains(&f.duration_minutes), "{}", f.id);
            assert!(DEMO_REPS.contains(&f.rep.as_str()), "{}", f.id);
        }
    }

    #[test]
    fn nothing_lies_after_now_or_before_its_customer() {
        let data = demo_data();
        let records = demo_records(&data);
        assert_inside_customer_lives(&data.customers, &records);
        let created: HashMap<&CustomerId, NaiveDate> = data
            .customers
            .iter()
            .map(|c| (&c.id, c.created_at.date_naive()))
            .collect();
        for c in &records.complaints {
            for date in c.happened_on.iter().chain(c.purchased_on.iter()) {
                assert!(*date >= created[&c.customer_id], "{}", c.id);
            }
        }
    }

    #[test]
    fn young_customers_get_nothing_before_they_existed() {
        // Customers created from a few hours to five weeks ago, with older orders, as
        // after an import: every clamp to `created_at` is needed here.
        let mut data = demo::generate(240, 5, now().date_naive());
        for (index, customer) in data.customers.iter_mut().enumerate() {
            customer.created_at = now() - TimeDelta::hours(index as i64 * 3);
        }
        let records = generate_service_records(&data.customers, &data.orders, 5, now());
        assert!(!records.contacts.is_empty() && !records.follow_ups.is_empty());
        assert_inside_customer_lives(&data.customers, &records);
    }

    #[test]
    fn every_record_belongs_to_a_known_customer() {
        let data = demo_data();
        let records = demo_records(&data);
        let customers: HashSet<&CustomerId> = data.customers.iter().map(|c| &c.id).collect();
        let complaint_owner: HashMap<&str, &CustomerId> = records
            .complaints
            .iter()
            .map(|c| (c.id.as_str(), &c.customer_id))
            .collect();
        let linked = |customer: &CustomerId, complaint: &Option<String>| {
            if let Some(id) = complaint {
                assert_eq!(complaint_owner.get(id.as_str()), Some(&customer), "{id}");
            }
        };
        for c in &records.complaints {
            assert!(customers.contains(&c.customer_id));
        }
        for contact in &records.contacts {
            assert!(customers.contains(&contact.customer_id));
            assert!(DEMO_REPS.contains(&contact.rep.as_str()));
            linked(&contact.customer_id, &contact.complaint_id);
        }
        for f in &records.follow_ups {
            assert!(customers.contains(&f.customer_id));
            linked(&f.customer_id, &f.complaint_id);
        }
        for c in &records.complaints {
            assert!(
                records.contacts.iter().any(|contact| {
                    contact.complaint_id.as_deref() == Some(c.id.as_str())
                        && contact.at.date_naive() == c.opened_at.date_naive()
                }),
                "{} has no contact on its opening day",
                c.id
            );
        }
    }

    #[test]
    fn the_600_customer_demo_has_the_expected_amounts() {
        let data = demo_data();
        let records = demo_records(&data);
        let complaints = &records.complaints;
        assert!(
            (60..=90).contains(&complaints.len()),
            "{}",
            complaints.len()
        );
        let active = complaints.iter().filter(|c| c.state.is_active()).count();
        assert!((5..=12).contains(&active), "{active} active");
        let reopened = complaints
            .iter()
            .filter(|c| c.state == ComplaintState::Reopened)
            .count();
        assert!((1..=2).contains(&reopened), "{reopened} reopened");
        for c in complaints.iter().filter(|c| {
            matches!(
                c.state,
                ComplaintState::Open
                    | ComplaintState::InProgress
                    | ComplaintState::AwaitingCustomer
            )
        }) {
            assert!(now() - c.opened_at <= TimeDelta::days(3), "{}", c.id);
        }

        let stats = complaint_stats(complaints);
        assert!(stats.by_month.len() >= 10, "{:?}", stats.by_month);
        let first_contact = stats.first_contact_percent().unwrap();
        assert!((50..=70).contains(&first_contact), "{first_contact}%");
        let satisfaction = stats.average_satisfaction_tenths().unwrap();
        assert!(satisfaction >= 38, "{satisfaction}");

        let contacts = &records.contacts;
        assert!((500..=1300).contains(&contacts.len()), "{}", contacts.len());
        let with_routine: HashSet<&CustomerId> = contacts
            .iter()
            .filter(|c| c.complaint_id.is_none())
            .map(|c| &c.customer_id)
            .collect();
        assert!(
            (240..=360).contains(&with_routine.len()),
            "{} customers with contacts",
            with_routine.len()
        );
        let channels: HashSet<ContactChannel> = contacts.iter().map(|c| c.channel).collect();
        assert!(channels.len() >= 6, "{channels:?}");

        let open: Vec<&FollowUp> = records.follow_ups.iter().filter(|f| f.is_open()).collect();
        assert!((35..=45).contains(&open.len()), "{} open", open.len());
        let done = records.follow_ups.len() - open.len();
        assert!(done >= 10, "{done} done");
        let on_board = |wanted| {
            open.iter()
                .filter(|f| bucket(f, now(), utc()) == wanted)
                .count()
        };
        assert!(on_board(FollowUpBucket::Overdue) >= 3);
        assert!(on_board(FollowUpBucket::Today) >= 3);
        assert!(on_board(FollowUpBucket::ThisWeek) >= 10);
    }

    #[test]
    fn every_cause_occurs_and_logistics_leads() {
        let data = demo_data();
        let stats = complaint_stats(&demo_records(&data).complaints);
        for (cause, count) in &stats.by_cause {
            assert!(*count >= 1, "no {cause:?} complaint");
        }
        let most = stats
            .by_cause
            .iter()
            .max_by_key(|(_, count)| *count)
            .unwrap();
        assert_eq!(most.0, ComplaintCause::Logistics, "{:?}", stats.by_cause);
    }

    #[test]
    fn the_queue_shows_overdue_complaints() {
        let data = demo_data();
        let records = demo_records(&data);
        let targets = ResponseTargets::default();
        let overdue = records
            .complaints
            .iter()
            .filter(|c| response_clock(c, None, &targets, now()).overdue)
            .count();
        assert!(overdue >= 1, "no overdue complaint");
        let running = records
            .complaints
            .iter()
            .filter(|c| {
                let clock = response_clock(c, None, &targets, now());
                clock.remaining.is_some() && !clock.overdue
            })
            .count();
        assert!(running >= 1, "no complaint still within its target");
    }

    #[test]
    fn exactly_two_pairs_of_follow_ups_conflict() {
        let data = demo_data();
        let records = demo_records(&data);
        let clashing: Vec<&FollowUp> = records
            .follow_ups
            .iter()
            .filter(|f| f.is_open() && !conflicts(f, &records.follow_ups).is_empty())
            .collect();
        assert_eq!(clashing.len(), 4, "{clashing:#?}");
        for f in &clashing {
            assert_eq!(conflicts(f, &records.follow_ups).len(), 1);
        }
    }

    #[test]
    fn buyers_write_in_their_own_language() {
        let data = demo_data();
        let records = demo_records(&data);
        let language: HashMap<&CustomerId, &str> = data
            .customers
            .iter()
            .map(|c| (&c.id, c.language.as_str()))
            .collect();
        let mut languages_used = HashSet::new();
        for c in &records.complaints {
            let index = STORIES
                .iter()
                .find_map(|s| s.words.iter().position(|w| *w == c.customer_words))
                .expect("words come from a story");
            let expected = match language[&c.customer_id].get(..2) {
                Some("es") => 1,
                Some("fr") => 2,
                Some("de") => 3,
                _ => 0,
            };
            assert_eq!(index, expected, "{}: {}", c.id, c.customer_words);
            languages_used.insert(index);
        }
        assert_eq!(languages_used.len(), 4, "{languages_used:?}");
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        assert_eq!(
            generate_service_records(&[], &[], 7, now()),
            DemoServiceRecords::default()
        );
        let data = demo::generate(40, 3, now().date_naive());
        for moment in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, now()] {
            let _ = generate_service_records(&data.customers, &data.orders, 3, moment);
        }
        // Customers without orders, created "in the future", and listed twice.
        let mut odd = data.customers.clone();
        odd.extend(data.customers.iter().cloned());
        if let Some(first) = odd.first_mut() {
            first.created_at = now() + TimeDelta::days(5);
        }
        let records = generate_service_records(&odd, &[], 3, now());
        let ids: HashSet<&str> = records
            .contacts
            .iter()
            .map(|c| c.id.as_str())
            .chain(records.follow_ups.iter().map(|f| f.id.as_str()))
            .chain(records.complaints.iter().map(|c| c.id.as_str()))
            .collect();
        assert_eq!(
            ids.len(),
            records.contacts.len() + records.follow_ups.len() + records.complaints.len()
        );
        for c in &records.complaints {
            assert!(c.order_ref.is_empty());
        }
        let one = generate_service_records(&data.customers[..1], &data.orders, 3, now());
        assert!(one
            .follow_ups
            .iter()
            .all(|f| f.customer_id == data.customers[0].id));
    }
}
