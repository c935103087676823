#!/usr/bin/env python3
"""Writes static/care/holidays.json: the main holidays of the buyers' countries for
the care calendar, with only the standard library. Run from the repository root; the
JSON is committed and the app never runs this.

Rule-computed dates (fixed days, "n-th weekday of a month", Western Easter by the
Gregorian computus, Orthodox Easter by the Julian computus) are computed below and
checked again by the native tests (src/domain/care/tests.rs). Dates that follow a
lunar, lunisolar or Islamic calendar cannot be computed by a short rule; they are
copied from published tables into LUNAR below, each with its source.
"""
import datetime as dt
import json

YEARS = [2026, 2027, 2028]
VERSION = 1


def easter(year):
    """Western Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def orthodox_easter(year):
    """Orthodox Easter Sunday: Meeus's Julian computus, +13 days to the Gregorian calendar (1900-2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


def nth_weekday(year, month, weekday, n):
    """The n-th `weekday` (Monday = 0) of the month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# Dates from published tables, by year. Sources (named in the README too):
# - Islamic feasts for SA, AE, TR: the Umm al-Qura calendar of Saudi Arabia (1 Shawwal
#   and 10 Dhu al-Hijjah 1447-1449 AH), as published by the King Abdulaziz City for
#   Science and Technology and tabulated in the `hijridate` library; the Turkish
#   Diyanet calendar gives the same days for 2026-2028. Announced by moon sighting,
#   so the real day can be one day later.
# - Islamic feasts for IN: the Government of India's gazetted holiday list for 2026;
#   2027-2028 as estimated in the `holidays` library (one day after Umm al-Qura).
# - Lunar New Year, Mid-Autumn Festival / Chuseok, Dragon Boat Festival: the Hong Kong
#   Observatory's Gregorian-lunar calendar conversion tables (CN); the Korea Astronomy
#   and Space Science Institute's tables (KR: Seollal 2027 is 7 Feb in Korea).
# - Diwali and Holi: the Government of India's gazetted holiday lists (2026) and the
#   Drik Panchang tables (2027, 2028).
# Every date was cross-checked against the `holidays` Python library (version 0.108).
LUNAR = {
    "eid_al_fitr": {2026: "2026-03-20", 2027: "2027-03-09", 2028: "2028-02-26"},
    "eid_al_adha": {2026: "2026-05-27", 2027: "2027-05-16", 2028: "2028-05-05"},
    "eid_al_fitr_in": {2026: "2026-03-21", 2027: "2027-03-10", 2028: "2028-02-27"},
    "eid_al_adha_in": {2026: "2026-05-27", 2027: "2027-05-17", 2028: "2028-05-06"},
    "lunar_new_year_cn": {2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26"},
    "lunar_new_year_kr": {2026: "2026-02-17", 2027: "2027-02-07", 2028: "2028-01-27"},
    "mid_autumn": {2026: "2026-09-25", 2027: "2027-09-15", 2028: "2028-10-03"},
    "dragon_boat": {2026: "2026-06-19", 2027: "2027-06-09", 2028: "2028-05-28"},
    "diwali": {2026: "2026-11-08", 2027: "2027-10-29", 2028: "2028-10-17"},
    "holi": {2026: "2026-03-04", 2027: "2027-03-22", 2028: "2028-03-11"},
}


def lunar(name, offset=0):
    return lambda y: dt.date.fromisoformat(LUNAR[name][y]) + dt.timedelta(days=offset)


def fixed(month, day):
    return lambda y: dt.date(y, month, day)


def weekday_rule(month, weekday, n):
    return lambda y: nth_weekday(y, month, weekday, n)


def after_easter(days, orthodox=False):
    return lambda y: (orthodox_easter(y) if orthodox else easter(y)) + dt.timedelta(days=days)


def fete_des_meres(y):
    """Last Sunday of May, or the first Sunday of June when that is Pentecost."""
    d = nth_weekday(y, 5, SUN, -1)
    return d + dt.timedelta(days=7) if d == easter(y) + dt.timedelta(days=49) else d


def koningsdag(y):
    d = dt.date(y, 4, 27)
    return d - dt.timedelta(days=1) if d.weekday() == SUN else d


def midsummer_eve(y):
    """The Friday between 19 and 25 June."""
    d = dt.date(y, 6, 19)
    return d + dt.timedelta(days=(FRI - d.weekday()) % 7)


# (key, rule, days, English name, local name, greeting kind)
NEW_YEAR = ("new_year", fixed(1, 1), 1, "New Year's Day")
CHRISTMAS = ("christmas", fixed(12, 25), 1, "Christmas")
EASTER = ("easter", after_easter(0), 1, "Easter")
MOTHERS_2ND_SUN_MAY = ("mothers_day", weekday_rule(5, SUN, 2), 1, "Mother's Day")


def h(base, local, greeting, days=None):
    key, rule, d, name = base
    return (key, rule, days or d, name, local, greeting)


COUNTRIES = {
    "US": ("en", 10, [
        h(NEW_YEAR, "New Year's Day", "new_year"),
        h(EASTER, "Easter", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Mother's Day", "mothers_day"),
        ("independence_day", fixed(7, 4), 1, "Independence Day", "Independence Day", "national_day"),
        ("thanksgiving", weekday_rule(11, THU, 4), 1, "Thanksgiving", "Thanksgiving", "thanksgiving"),
        h(CHRISTMAS, "Christmas", "christmas"),
    ]),
    "GB": ("en", 10, [
        h(NEW_YEAR, "New Year's Day", "new_year"),
        ("mothering_sunday", after_easter(-21), 1, "Mothering Sunday", "Mothering Sunday", "mothers_day"),
        h(EASTER, "Easter", "easter"),
        h(CHRISTMAS, "Christmas", "christmas", 2),
    ]),
    "DE": ("de", 9, [
        h(NEW_YEAR, "Neujahr", "new_year"),
        h(EASTER, "Ostern", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Muttertag", "mothers_day"),
        ("german_unity_day", fixed(10, 3), 1, "German Unity Day", "Tag der Deutschen Einheit", "national_day"),
        ("christmas", fixed(12, 24), 3, "Christmas", "Weihnachten", "christmas"),
    ]),
    "FR": ("fr", 9, [
        h(NEW_YEAR, "Jour de l'an", "new_year"),
        h(EASTER, "Pâques", "easter"),
        ("mothers_day", fete_des_meres, 1, "Mother's Day", "Fête des mères", "mothers_day"),
        ("bastille_day", fixed(7, 14), 1, "Bastille Day", "Fête nationale", "national_day"),
        h(CHRISTMAS, "Noël", "christmas"),
    ]),
    "ES": ("es", 10, [
        h(NEW_YEAR, "Año Nuevo", "new_year"),
        ("epiphany", fixed(1, 6), 1, "Three Kings' Day", "Día de Reyes", "holiday"),
        h(EASTER, "Pascua", "easter"),
        ("mothers_day", weekday_rule(5, SUN, 1), 1, "Mother's Day", "Día de la Madre", "mothers_day"),
        ("national_day", fixed(10, 12), 1, "National Day of Spain", "Fiesta Nacional de España", "national_day"),
        h(CHRISTMAS, "Navidad", "christmas"),
    ]),
    "IT": ("it", 10, [
        h(NEW_YEAR, "Capodanno", "new_year"),
        h(EASTER, "Pasqua", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Festa della mamma", "mothers_day"),
        ("republic_day", fixed(6, 2), 1, "Republic Day", "Festa della Repubblica", "national_day"),
        h(CHRISTMAS, "Natale", "christmas", 2),
    ]),
    "NL": ("nl", 9, [
        h(NEW_YEAR, "Nieuwjaarsdag", "new_year"),
        h(EASTER, "Pasen", "easter"),
        ("kings_day", koningsdag, 1, "King's Day", "Koningsdag", "national_day"),
        h(MOTHERS_2ND_SUN_MAY, "Moederdag", "mothers_day"),
        ("sinterklaas", fixed(12, 5), 1, "Sinterklaas", "Sinterklaasavond", "holiday"),
        h(CHRISTMAS, "Kerstmis", "christmas", 2),
    ]),
    "PL": ("pl", 10, [
        h(NEW_YEAR, "Nowy Rok", "new_year"),
        h(EASTER, "Wielkanoc", "easter"),
        ("mothers_day", fixed(5, 26), 1, "Mother's Day", "Dzień Matki", "mothers_day"),
        ("independence_day", fixed(11, 11), 1, "Independence Day", "Narodowe Święto Niepodległości", "national_day"),
        ("christmas", fixed(12, 24), 3, "Christmas", "Boże Narodzenie", "christmas"),
    ]),
    "RU": ("ru", 15, [
        ("new_year", fixed(1, 1), 8, "New Year holidays", "Новогодние каникулы", "new_year"),
        ("orthodox_christmas", fixed(1, 7), 1, "Orthodox Christmas", "Рождество Христово", "christmas"),
        ("womens_day", fixed(3, 8), 1, "International Women's Day", "Международный женский день", "holiday"),
        ("orthodox_easter", after_easter(0, orthodox=True), 1, "Orthodox Easter", "Пасха", "easter"),
        ("russia_day", fixed(6, 12), 1, "Russia Day", "День России", "national_day"),
        ("mothers_day", weekday_rule(11, SUN, -1), 1, "Mother's Day", "День матери", "mothers_day"),
    ]),
    "TR": ("tr", 12, [
        h(NEW_YEAR, "Yılbaşı", "new_year"),
        ("eid_al_fitr", lunar("eid_al_fitr"), 3, "Eid al-Fitr", "Ramazan Bayramı", "eid"),
        h(MOTHERS_2ND_SUN_MAY, "Anneler Günü", "mothers_day"),
        ("eid_al_adha", lunar("eid_al_adha"), 4, "Eid al-Adha", "Kurban Bayramı", "eid"),
        ("republic_day", fixed(10, 29), 1, "Republic Day", "Cumhuriyet Bayramı", "national_day"),
    ]),
    "SA": ("ar", 12, [
        ("founding_day", fixed(2, 22), 1, "Founding Day", "يوم التأسيس", "national_day"),
        ("eid_al_fitr", lunar("eid_al_fitr"), 4, "Eid al-Fitr", "عيد الفطر", "eid"),
        ("eid_al_adha", lunar("eid_al_adha"), 4, "Eid al-Adha", "عيد الأضحى", "eid"),
        ("national_day", fixed(9, 23), 1, "Saudi National Day", "اليوم الوطني السعودي", "national_day"),
    ]),
    "AE": ("ar", 9, [
        h(NEW_YEAR, "رأس السنة الميلادية", "new_year"),
        ("eid_al_fitr", lunar("eid_al_fitr"), 3, "Eid al-Fitr", "عيد الفطر", "eid"),
        ("mothers_day", fixed(3, 21), 1, "Mother's Day", "عيد الأم", "mothers_day"),
        ("eid_al_adha", lunar("eid_al_adha"), 3, "Eid al-Adha", "عيد الأضحى", "eid"),
        ("national_day", fixed(12, 2), 2, "UAE National Day", "عيد الاتحاد", "national_day"),
    ]),
    "IN": ("hi", 12, [
        ("republic_day", fixed(1, 26), 1, "Republic Day", "गणतंत्र दिवस", "national_day"),
        ("holi", lunar("holi"), 1, "Holi", "होली", "holiday"),
        ("eid_al_fitr", lunar("eid_al_fitr_in"), 1, "Eid al-Fitr", "ईद उल-फ़ित्र", "eid"),
        ("eid_al_adha", lunar("eid_al_adha_in"), 1, "Eid al-Adha", "ईद उल-अज़हा", "eid"),
        ("independence_day", fixed(8, 15), 1, "Independence Day", "स्वतंत्रता दिवस", "national_day"),
        ("diwali", lunar("diwali"), 1, "Diwali", "दीपावली", "diwali"),
        h(CHRISTMAS, "क्रिसमस", "christmas"),
    ]),
    "JP": ("ja", 6, [
        ("new_year", fixed(1, 1), 3, "New Year", "正月", "new_year"),
        ("golden_week", fixed(4, 29), 7, "Golden Week", "ゴールデンウィーク", "holiday"),
        h(MOTHERS_2ND_SUN_MAY, "母の日", "mothers_day"),
        ("obon", fixed(8, 13), 4, "Obon", "お盆", "holiday"),
        h(CHRISTMAS, "クリスマス", "christmas"),
    ]),
    "KR": ("ko", 5, [
        h(NEW_YEAR, "신정", "new_year"),
        ("lunar_new_year", lunar("lunar_new_year_kr", -1), 3, "Seollal (Lunar New Year)", "설날", "lunar_new_year"),
        ("parents_day", fixed(5, 8), 1, "Parents' Day", "어버이날", "holiday"),
        ("liberation_day", fixed(8, 15), 1, "Liberation Day", "광복절", "national_day"),
        ("chuseok", lunar("mid_autumn", -1), 3, "Chuseok", "추석", "holiday"),
        h(CHRISTMAS, "크리스마스", "christmas"),
    ]),
    "CN": ("zh", 3, [
        h(NEW_YEAR, "元旦", "new_year"),
        ("lunar_new_year", lunar("lunar_new_year_cn"), 7, "Spring Festival (Lunar New Year)", "春节", "lunar_new_year"),
        h(MOTHERS_2ND_SUN_MAY, "母亲节", "mothers_day"),
        ("dragon_boat", lunar("dragon_boat"), 1, "Dragon Boat Festival", "端午节", "holiday"),
        ("mid_autumn", lunar("mid_autumn"), 1, "Mid-Autumn Festival", "中秋节", "holiday"),
        ("national_day", fixed(10, 1), 7, "National Day Golden Week", "国庆节", "national_day"),
    ]),
    "BR": ("pt", 20, [
        h(NEW_YEAR, "Ano-Novo", "new_year"),
        ("carnival", after_easter(-48), 2, "Carnival", "Carnaval", "holiday"),
        h(EASTER, "Páscoa", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Dia das Mães", "mothers_day"),
        ("independence_day", fixed(9, 7), 1, "Independence Day", "Dia da Independência", "national_day"),
        h(CHRISTMAS, "Natal", "christmas"),
    ]),
    "MX": ("es", 15, [
        h(NEW_YEAR, "Año Nuevo", "new_year"),
        ("epiphany", fixed(1, 6), 1, "Three Kings' Day", "Día de Reyes", "holiday"),
        h(EASTER, "Pascua", "easter"),
        ("mothers_day", fixed(5, 10), 1, "Mother's Day", "Día de las Madres", "mothers_day"),
        ("independence_day", fixed(9, 16), 1, "Independence Day", "Día de la Independencia", "national_day"),
        ("day_of_the_dead", fixed(11, 1), 2, "Day of the Dead", "Día de Muertos", "holiday"),
        h(CHRISTMAS, "Navidad", "christmas"),
    ]),
    "CA": ("en", 12, [
        h(NEW_YEAR, "New Year's Day", "new_year"),
        h(EASTER, "Easter", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Mother's Day", "mothers_day"),
        ("canada_day", fixed(7, 1), 1, "Canada Day", "Canada Day", "national_day"),
        ("thanksgiving", weekday_rule(10, MON, 2), 1, "Thanksgiving", "Thanksgiving", "thanksgiving"),
        h(CHRISTMAS, "Christmas", "christmas"),
    ]),
    "AU": ("en", 12, [
        h(NEW_YEAR, "New Year's Day", "new_year"),
        ("australia_day", fixed(1, 26), 1, "Australia Day", "Australia Day", "national_day"),
        h(EASTER, "Easter", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Mother's Day", "mothers_day"),
        h(CHRISTMAS, "Christmas", "christmas"),
    ]),
    "CL": ("es", 18, [
        h(NEW_YEAR, "Año Nuevo", "new_year"),
        h(EASTER, "Pascua", "easter"),
        h(MOTHERS_2ND_SUN_MAY, "Día de la Madre", "mothers_day"),
        ("fiestas_patrias", fixed(9, 18), 2, "National holidays", "Fiestas Patrias", "national_day"),
        h(CHRISTMAS, "Navidad", "christmas"),
    ]),
    "SE": ("sv", 10, [
        h(NEW_YEAR, "Nyårsdagen", "new_year"),
        h(EASTER, "Påsk", "easter"),
        ("mothers_day", weekday_rule(5, SUN, -1), 1, "Mother's Day", "Mors dag", "mothers_day"),
        ("national_day", fixed(6, 6), 1, "National Day of Sweden", "Sveriges nationaldag", "national_day"),
        ("midsummer", midsummer_eve, 2, "Midsummer", "Midsommar", "holiday"),
        ("christmas", fixed(12, 24), 3, "Christmas", "Jul", "christmas"),
    ]),
}


def main():
    countries = {}
    for code, (language, shipping_days, holidays) in COUNTRIES.items():
        entries = []
        for year in YEARS:
            for key, rule, days, name, local, greeting in holidays:
                entry = {"date": rule(year).isoformat(), "key": key, "name": name, "local_name": local, "greeting": greeting}
                if days > 1:
                    entry["days"] = days
                entries.append(entry)
        entries.sort(key=lambda e: (e["date"], e["key"]))
        countries[code] = {"language": language, "shipping_days": shipping_days, "holidays": entries}
    data = {
        "format": "crm-care-holidays",
        "version": VERSION,
        "years": YEARS,
        "countries": countries,
    }
    with open("static/care/holidays.json", "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f' "format": "crm-care-holidays",\n "version": {VERSION},\n "years": {json.dumps(YEARS)},\n "countries": {{\n')
        for i, (code, c) in enumerate(countries.items()):
            f.write(f'  "{code}": {{"language": "{c["language"]}", "shipping_days": {c["shipping_days"]}, "holidays": [\n')
            f.write(",\n".join("   " + json.dumps(e, ensure_ascii=False) for e in c["holidays"]))
            f.write("\n  ]}" + ("," if i + 1 < len(countries) else "") + "\n")
        f.write(" }\n}\n")
    json.loads(open("static/care/holidays.json", encoding="utf-8").read())


if __name__ == "__main__":
    main()
