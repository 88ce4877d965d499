"""Who the demo team is and what it sells: the manager, names, companies, roles and each
role's quota lines."""

from __future__ import annotations

from oneonone.core.model import (
    Period,
)

MANAGER_NAME = "Dana Whitfield"
MANAGER_FIRST = "Dana"
TIMEZONE = "America/New_York"

# --- people and places -----------------------------------------------------------------------

FIRST_NAMES = (
    "Maya", "Jordan", "Priya", "Marcus", "Elena", "Tomás", "Aisha", "Connor", "Mei", "Darnell",
    "Sofia", "Ravi", "Hannah", "Kwame", "Lucía", "Ethan", "Noor", "Brandon", "Yuki", "Olivia",
    "Mateo", "Grace", "Samir", "Chloe", "Andre", "Fatima", "Liam", "Ingrid", "Diego", "Keisha",
    "Owen", "Anya", "Malik", "Rosa", "Nathan", "Leila", "Tyler", "Amara", "Jae-won", "Bianca",
    "Felix", "Zara", "Caleb", "Imani", "Hugo", "Nadia", "Wesley", "Thu", "Rafael", "Simone",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Chen", "Patel", "Reyes", "Novak", "Brennan", "Haddad", "Kim", "Alvarez",
    "Johansson", "Nguyen", "O'Brien", "Castillo", "Mensah", "Kowalski", "Tanaka", "Fitzgerald",
    "Adeyemi", "Rossi", "Sandoval", "Lindqvist", "Park", "Delgado", "Walsh", "Osei", "Ferreira",
    "Hoffman", "Iyer", "Carter", "Abbasi", "Moreau", "Sato", "Bianchi", "Greene", "Petrova",
    "Quinn", "Rahman", "Silva", "Thornton", "Vasquez", "Whitaker", "Yilmaz", "Zhang", "Dubois",
    "Ellison", "Guerrero", "Hale", "Jovanovic", "Lachance", "Murphy",
)  # fmt: skip
COMPANIES = (
    "Kestrel Freight", "Northwind Logistics", "Brightline Health", "Harbor & Pine Dental",
    "Summit Ridge Credit Union", "Bluefin Analytics", "Oakhurst Schools", "Meridian Title",
    "Copperleaf Hotels", "Granite State Roofing", "Lumen Biotech", "Riverbend Foods",
    "Tidewater Marine", "Alder Street Clinics", "Pioneer Valley Insurance", "Quarry Labs",
    "Sable Energy", "Evergreen Property Group", "Foxglove Retail", "Ironwood Manufacturing",
    "Juniper Legal", "Lakeside Auto Group", "Maple & Main Bakeries", "Northstar Staffing",
    "Orchard Software", "Pelican Travel", "Redwood Dental Partners", "Silverline Payments",
    "Trident Security", "Union Square Realty", "Vantage Fitness", "Willow Creek Senior Living",
)  # fmt: skip
CONTACTS = (
    "Erin", "Raj", "Monique", "Pete", "Ana", "Gustavo", "Linda", "Omar", "Beth", "Tariq",
    "Carla", "Steve", "Hye-jin", "Walt", "Ines", "Derek",
)  # fmt: skip
COMPETITORS = ("DealStack", "PipeHawk", "Clarivo", "Quotient CRM", "Salesly")
INDUSTRIES = (
    "dental", "logistics", "credit union", "hospitality", "manufacturing", "healthcare",
    "legal", "retail", "construction", "education",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

ROLE_CYCLE = (
    "Account Executive", "SDR", "Senior AE", "Account Executive", "SDR", "Enterprise AE",
    "Account Manager", "Account Executive", "SDR", "Senior AE", "Account Executive", "SDR",
)  # fmt: skip

# label, base number, unit, period, kind ("count" per period, "money" or "pct" to date)
LineSpec = tuple[str, float, str, Period, str]
QUOTA_SPECS: dict[str, tuple[LineSpec, ...]] = {
    "SDR": (
        ("Qualified meetings booked", 14, "meetings", Period.WEEK, "count"),
        ("Outbound dials", 60, "dials", Period.DAY, "count"),
        ("Sourced pipeline", 300000, "USD", Period.QUARTER, "money"),
    ),
    "Account Executive": (
        ("New ARR", 120000, "USD", Period.QUARTER, "money"),
        ("Discovery calls", 12, "calls", Period.WEEK, "count"),
        ("Demos delivered", 8, "demos", Period.WEEK, "count"),
    ),
    "Senior AE": (
        ("New ARR", 210000, "USD", Period.QUARTER, "money"),
        ("Discovery calls", 10, "calls", Period.WEEK, "count"),
        ("Multi-threaded opportunities", 6, "opportunities", Period.MONTH, "count"),
    ),
    "Enterprise AE": (
        ("New ARR", 400000, "USD", Period.QUARTER, "money"),
        ("Executive meetings", 4, "meetings", Period.MONTH, "count"),
        ("Pipeline created", 1200000, "USD", Period.QUARTER, "money"),
    ),
    "Account Manager": (
        ("Expansion ARR", 80000, "USD", Period.QUARTER, "money"),
        ("Gross retention", 92, "percent", Period.QUARTER, "pct"),
        ("Customer business reviews", 6, "reviews", Period.MONTH, "count"),
    ),
}
EXTRA_LINE: LineSpec = ("Referral asks", 3, "asks", Period.WEEK, "count")
