namespace Headless.Api.Features.Synthetic;

/// <summary>
/// The word stock of the synthetic content. Every phrase is plain text: letters, digits, spaces, commas, full stops,
/// apostrophes and typographic quotes only, so a Markdown paragraph of them renders to exactly one &lt;p&gt; with the
/// same text (no emphasis, links, lists, maths or entities), which lets the seeder write the HTML itself.
/// </summary>
internal static class SyntheticWords
{
    public static readonly string[] Sections =
        ["World", "Politics", "Business", "Technology", "Science", "Health", "Sport", "Culture", "Climate", "Opinion"];

    public static readonly string[] Places =
    [
        "Mexico", "Brazil", "Argentina", "Chile", "Peru", "Colombia", "Canada", "the United States", "Spain", "France",
        "Germany", "Italy", "Portugal", "Poland", "Ukraine", "Turkey", "Egypt", "Nigeria", "Kenya", "South Africa",
        "India", "Pakistan", "Japan", "South Korea", "Indonesia", "Vietnam", "Australia", "New Zealand", "Morocco", "Ghana",
        "Lima", "Bogota", "Madrid", "Lyon", "Nairobi", "Osaka", "Toronto", "Seville", "Monterrey", "Lagos",
    ];

    public static readonly string[] TagTopics =
    [
        "Elections", "Climate change", "Inflation", "Interest rates", "Housing", "Public health", "Vaccines", "Education",
        "Immigration", "Border security", "Drug trafficking", "Military", "Sovereignty", "Trade", "Tariffs", "Energy",
        "Oil and gas", "Renewable energy", "Electric vehicles", "Artificial intelligence", "Cybersecurity", "Space",
        "Football", "Tennis", "Olympics", "Cinema", "Music", "Literature", "Museums", "Fashion", "Food", "Travel",
        "Tourism", "Agriculture", "Water", "Drought", "Floods", "Wildfires", "Earthquakes", "Hurricanes", "Biodiversity",
        "Oceans", "Pollution", "Transport", "Railways", "Aviation", "Shipping", "Labour", "Strikes", "Unemployment",
        "Pensions", "Taxes", "Budget", "Debt", "Banking", "Cryptocurrency", "Stock markets", "Startups", "Retail",
        "Real estate", "Courts", "Supreme Court", "Corruption", "Police", "Prisons", "Human rights", "Press freedom",
        "Protests", "Diplomacy", "United Nations", "European Union", "NATO", "G20", "Sanctions", "Refugees", "Poverty",
        "Inequality", "Gender equality", "Indigenous peoples", "Religion", "Science policy", "Research", "Universities",
        "Medicine", "Mental health", "Hospitals", "Pandemics", "Nutrition", "Ageing", "Childhood", "Social media",
        "Telecommunications", "Semiconductors", "Smartphones", "Video games", "Privacy", "Data protection", "Mining",
        "Lithium", "Copper", "Forests", "Urban planning", "Infrastructure", "Public transport", "Cycling", "Architecture",
        "Theatre", "Photography", "Television", "Podcasts", "Books", "Art", "Dance", "Heritage", "Archaeology",
        "Astronomy", "Physics", "Genetics", "Robotics", "Nuclear power", "Hydrogen", "Solar power", "Wind power",
        "Fisheries", "Wildlife", "Conservation", "Local government", "Parliament", "Constitution", "Referendums",
        "Campaign finance", "Polls", "Opposition", "Coalitions", "Central banks", "Currency", "Exports", "Imports",
        "Supply chains", "Manufacturing", "Automobiles", "Steel", "Textiles", "Coffee", "Cocoa", "Wheat", "Rice",
        "Sugar", "Cattle", "Water rights", "Land reform", "Terrorism", "Organised crime", "Cartels", "Extradition",
        "Ceasefires", "Peace talks", "Humanitarian aid", "Famine", "Disability", "Youth", "Family", "Marriage",
        "Consumer rights", "Insurance", "Wages", "Minimum wage", "Trade unions", "Remote work", "Gig economy",
        "Mergers", "Antitrust", "Lobbying", "Whistleblowers", "Transparency", "Census", "Demographics", "Migration",
        "Cities", "Rural life", "Weather", "Heatwaves", "Snow", "Volcanoes", "Tsunamis", "Glaciers", "Arctic",
        "Antarctica", "Amazon", "Andes", "Caribbean", "Pacific", "Mediterranean", "Sahel", "Balkans", "Baltics",
        "Middle East", "Central America", "Southeast Asia", "Horn of Africa", "Great Lakes", "Patagonia", "Siberia",
        "Formula One", "Cycling races", "Basketball", "Baseball", "Rugby", "Cricket", "Boxing", "Athletics",
        "Swimming", "Chess", "Esports", "Golf", "Sailing", "Climbing", "Marathons", "World Cup", "Copa America",
        "Champions League", "Transfers", "Doping", "Stadiums", "Coaches", "Awards", "Festivals", "Obituaries",
        "Anniversaries", "Royalty", "Celebrities", "Philanthropy", "Volunteering", "Fact checks", "Explainers",
        "Interviews", "Investigations", "Data journalism", "Letters", "Editorials", "Columns", "Reviews", "Recipes",
        "Bridges", "Ports", "Airports", "Highways", "Water supply", "Electricity", "Blackouts", "Fuel prices", "Food prices",
        "Rents", "Mortgages", "Savings", "Scholarships", "Teachers", "Doctors", "Nurses", "Elderly care",
    ];

    public static readonly string[] FirstNames =
    [
        "Ana", "Luis", "Maria", "Jorge", "Sofia", "Carlos", "Elena", "Pablo", "Lucia", "Diego", "Claire", "Julien",
        "Camille", "Thomas", "Amara", "Kwame", "Aiko", "Kenji", "Priya", "Rahul", "Fatima", "Omar", "Grace", "David",
        "Sarah", "Michael", "Ingrid", "Lars", "Olga", "Ivan", "Chen", "Mei", "Ngozi", "Tunde", "Laura", "Marco",
    ];

    public static readonly string[] LastNames =
    [
        "Garcia", "Martinez", "Lopez", "Hernandez", "Silva", "Moreau", "Dubois", "Laurent", "Mensah", "Okafor",
        "Tanaka", "Sato", "Sharma", "Patel", "Haddad", "Mansour", "Smith", "Johnson", "Brown", "Nielsen", "Petrova",
        "Kowalski", "Wang", "Li", "Adeyemi", "Rossi", "Bianchi", "Fernandes", "Castillo", "Vargas", "Romero", "Keller",
    ];

    public static readonly string[] Roles =
    [
        "Minister of Finance", "Minister of Foreign Affairs", "Minister of Health", "President", "Prime Minister",
        "opposition leader", "government spokesperson", "central bank governor", "senator", "member of parliament",
        "professor of economics", "professor of political science", "climate scientist", "epidemiologist", "union leader",
        "chief executive", "trade negotiator", "police chief", "public prosecutor", "judge", "mayor", "human rights lawyer",
        "football coach", "team captain", "film director", "novelist", "museum director", "farmer", "nurse", "teacher",
    ];

    public static readonly string[] Companies =
        ["Barrow & Finch", "Northwind Energy", "Andes Mining", "Atlas Logistics", "Solaris Motors", "Bluewater Foods", "Meridian Bank", "Kestrel Airlines"];

    public static readonly Language English = new(
        "en",
        Subjects:
        [
            "The government", "The opposition", "The central bank", "Regional authorities", "Local officials", "Analysts",
            "Economists", "Residents", "The ruling party", "A parliamentary committee", "The health ministry", "Investors",
            "Union leaders", "Farmers", "Prosecutors", "The city council", "Scientists", "Several companies", "The court",
            "Campaigners",
        ],
        Verbs:
        [
            "announced", "rejected", "approved", "criticised", "delayed", "proposed", "defended", "questioned", "expanded",
            "welcomed", "suspended", "reviewed", "backed", "challenged", "unveiled", "postponed", "cut", "extended",
        ],
        HeadlineVerbs:
        [
            "approves", "rejects", "unveils", "delays", "defends", "expands", "suspends", "backs", "questions", "weighs",
        ],
        Objects:
        [
            "a plan to cut fuel subsidies", "new rules on housing rents", "the budget for next year", "a tax on imports",
            "the expansion of the metro", "a ban on single use plastics", "the new water agreement", "a reform of pensions",
            "the contract for the new airport", "an emergency fund for farmers", "a review of police powers",
            "limits on foreign investment", "the merger of two banks", "a programme to train nurses", "the rise in tariffs",
            "a deal on migration", "the minimum wage increase", "a new vaccination campaign", "rules for online platforms",
            "the closure of coal plants", "a bid to host the games", "an inquiry into the contracts",
            "plans for a high speed railway", "the price of electricity", "a law on data protection",
        ],
        Adverbials:
        [
            "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend", "after weeks of talks",
            "despite strong criticism", "for the second time this year", "ahead of the elections", "in a late night vote",
            "under pressure from investors", "after a long debate", "without giving details", "in a surprise move",
        ],
        Connectors: ["However,", "Meanwhile,", "According to officials,", "In a statement,", "Earlier this month,", "Critics said that"],
        Headings:
        [
            "What happens next", "Why it matters", "The reaction", "A long dispute", "The numbers", "What critics say",
            "Background", "The road ahead", "How we got here", "Who is affected", "The costs", "A divided opinion",
        ],
        Said: "said",
        In: "in",
        Percent: "percent",
        By: "by");

    public static readonly Language Spanish = new(
        "es",
        Subjects:
        [
            "El gobierno", "La oposición", "El banco central", "Las autoridades regionales", "Los analistas",
            "Los economistas", "Los vecinos", "El partido gobernante", "Una comisión parlamentaria", "Los sindicatos",
            "Los agricultores", "La fiscalía", "El ayuntamiento", "Los científicos",
        ],
        Verbs: ["anunció", "rechazó", "aprobó", "criticó", "aplazó", "propuso", "defendió", "cuestionó", "amplió", "suspendió", "respaldó"],
        HeadlineVerbs: ["aprueba", "rechaza", "presenta", "aplaza", "defiende", "amplía", "suspende", "respalda"],
        Objects:
        [
            "un plan para reducir los subsidios", "nuevas reglas sobre los alquileres", "el presupuesto del próximo año",
            "un impuesto a las importaciones", "la ampliación del metro", "una reforma de las pensiones",
            "el contrato del nuevo aeropuerto", "un fondo de emergencia para el campo", "el aumento del salario mínimo",
            "una nueva campaña de vacunación", "el cierre de las centrales de carbón", "una ley de protección de datos",
        ],
        Adverbials:
        [
            "el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "tras semanas de negociaciones",
            "pese a las críticas", "antes de las elecciones", "en una votación nocturna", "sin dar detalles",
        ],
        Connectors: ["Sin embargo,", "Mientras tanto,", "Según fuentes oficiales,", "En un comunicado,", "A principios de mes,"],
        Headings: ["Lo que viene", "Por qué importa", "Las reacciones", "Los números", "El contexto", "Quién se ve afectado"],
        Said: "dijo",
        In: "en",
        Percent: "por ciento",
        By: "un");

    public static readonly Language French = new(
        "fr",
        Subjects:
        [
            "Le gouvernement", "L'opposition", "La banque centrale", "Les autorités régionales", "Les analystes",
            "Les économistes", "Les habitants", "Le parti au pouvoir", "Une commission parlementaire", "Les syndicats",
            "Les agriculteurs", "Le parquet", "Le conseil municipal", "Les chercheurs",
        ],
        Verbs: ["a annoncé", "a rejeté", "a approuvé", "a critiqué", "a reporté", "a proposé", "a défendu", "a contesté", "a élargi", "a suspendu"],
        HeadlineVerbs: ["approuve", "rejette", "dévoile", "reporte", "défend", "élargit", "suspend", "soutient"],
        Objects:
        [
            "un plan de baisse des subventions", "de nouvelles règles sur les loyers", "le budget de l'an prochain",
            "une taxe sur les importations", "l'extension du métro", "une réforme des retraites",
            "le contrat du nouvel aéroport", "un fonds d'urgence pour les agriculteurs", "la hausse du salaire minimum",
            "une nouvelle campagne de vaccination", "la fermeture des centrales à charbon", "une loi sur les données",
        ],
        Adverbials:
        [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "après des semaines de discussions", "malgré les critiques",
            "avant les élections", "lors d'un vote de nuit", "sans donner de détails",
        ],
        Connectors: ["Cependant,", "Pendant ce temps,", "Selon des sources officielles,", "Dans un communiqué,", "Plus tôt ce mois ci,"],
        Headings: ["Et maintenant", "Pourquoi cela compte", "Les réactions", "Les chiffres", "Le contexte", "Qui est concerné"],
        Said: "a déclaré",
        In: "à",
        Percent: "pour cent",
        By: "de");

    /// <summary>The phrases of one language; the sentence shapes are shared.</summary>
    internal sealed record Language(
        string Code,
        string[] Subjects,
        string[] Verbs,
        string[] HeadlineVerbs,
        string[] Objects,
        string[] Adverbials,
        string[] Connectors,
        string[] Headings,
        string Said,
        string In,
        string Percent,
        string By);
}
