"""The IRIs the pages read, and display names (English, Chinese) of the reused properties.

Our own classes, properties and concepts carry their labels in the ontology; the
properties cheikg reuses from ORG, schema.org, DCTERMS, PROV, SKOS and OWL-Time get
theirs here, phrased for a reader of an entity page.
"""

from __future__ import annotations

C = "https://w3id.org/cheikg/ontology#"
ORG = "http://www.w3.org/ns/org#"
SDO = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOSXL = "http://www.w3.org/2008/05/skos-xl#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
TIME = "http://www.w3.org/2006/time#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OPENGOV = "http://www.w3.org/ns/opengov#"
VOCAB = "https://w3id.org/cheikg/vocab/"

RDF_TYPE = RDF + "type"
XSD_STRING = XSD + "string"
PREF_LABEL = SKOS + "prefLabel"
ALT_LABEL = SKOS + "altLabel"
NOTE = SKOS + "editorialNote"
NOTATION = SKOS + "notation"
DERIVED_FROM = PROV + "wasDerivedFrom"
TITLE = DCT + "title"
ISSUED = DCT + "issued"
LITERAL_FORM = SKOSXL + "literalForm"

# classes
ALLIANCE = C + "Alliance"
UNIVERSITY = C + "University"
JOINT_INSTITUTE = C + "JointInstitute"
EVENT = C + "Event"
AGREEMENT = C + "Agreement"
AGREEMENT_PARTY = C + "AgreementParty"
PROGRAM = C + "Program"
DOCUMENT = C + "Document"
SOURCE = C + "Source"
STATED_COUNT = C + "StatedCount"
ALLIANCE_MEMBERSHIP = C + "AllianceMembership"
POST_HOLDING = C + "PostHolding"
PARTICIPATION = C + "Participation"
HISTORIC_NAME = C + "HistoricName"
SUBMISSION = C + "Submission"
PERSON = FOAF + "Person"
ORGANIZATION = ORG + "Organization"
MEMBERSHIP = ORG + "Membership"
PLACE = SDO + "Place"
COUNTRY = SDO + "Country"
STATE = SDO + "State"
CITY = SDO + "City"
INSTANT = TIME + "Instant"
INTERVAL = TIME + "Interval"
STATEMENT = RDF + "Statement"

# properties
MEMBER = ORG + "member"
ORGANIZATION_P = ORG + "organization"
ROLE = ORG + "role"
MEMBER_DURING = ORG + "memberDuring"
HAS_BEGINNING = TIME + "hasBeginning"
HAS_END = TIME + "hasEnd"
IN_XSD_DATE = TIME + "inXSDDate"
CLASSIFICATION = ORG + "classification"
IDENTIFIER = ORG + "identifier"
SUB_ORGANIZATION_OF = ORG + "subOrganizationOf"
UNIT_OF = ORG + "unitOf"
RESULTED_FROM = ORG + "resultedFrom"
LOCATION = SDO + "location"
CONTAINED_IN = SDO + "containedInPlace"
SAME_AS = SDO + "sameAs"
ORGANIZER = SDO + "organizer"
SUPER_EVENT = SDO + "superEvent"
ABOUT = SDO + "about"
URL = SDO + "url"
HOMEPAGE = FOAF + "homepage"
ON_BEHALF_OF = OPENGOV + "onBehalfOf"
CREATOR = DCT + "creator"
SOURCE_TYPE = DCT + "type"
COUNTRY_P = C + "country"
PLACE_TYPE = C + "placeType"
DATE = C + "date"
END_DATE = C + "endDate"
FOUNDING_DATE = C + "foundingDate"
ATTESTED_ON = C + "attestedOn"
IN_USE_ON = C + "inUseOn"
REPLACED_ON_OR_BEFORE = C + "replacedOnOrBefore"
DATE_PRECISION = C + "datePrecision"
INFERRED_UNIT = C + "inferredUnit"
INFERRED = C + "inferred"
INFERRED_PROPERTY = C + "inferredProperty"
HAS_PARTICIPATION = C + "hasParticipation"
PARTICIPANT = C + "participant"
PARTICIPATION_ROLE = C + "participationRole"
HAS_PARTY = C + "hasParty"
PARTY = C + "party"
SIGNATORY = C + "signatory"
SIGNED_AT = C + "signedAt"
HAS_STATED_COUNT = C + "hasStatedCount"
COUNTED_ROLE = C + "countedRole"
COUNT = C + "count"
COUNT_QUALIFIER = C + "countQualifier"
TERM_ORDINAL = C + "termOrdinal"
SUCCEEDS = C + "succeeds"
POST_TITLE = C + "postTitle"
SIDE = C + "side"
HELD_AT = C + "heldAt"
LAUNCHED_AT = C + "launchedAt"
LAUNCHED_BY = C + "launchedBy"
PROGRAM_OF = C + "programOf"
ADOPTED_AT = C + "adoptedAt"
HISTORIC_NAME_P = C + "historicName"
ACRONYM = C + "acronym"
DIVISION_CODE = C + "divisionCode"
COUNTRY_CODE = C + "countryCode"
PUBLISHER_NAME = C + "publisherName"
ARCHIVED_COPY = C + "archivedCopy"

# Dates of a record: the property that holds a time:Instant, and how a page names it.
DATE_PROPERTIES = (DATE, END_DATE, FOUNDING_DATE, ATTESTED_ON, IN_USE_ON, REPLACED_ON_OR_BEFORE)

# Display names of the reused properties (ours come from the ontology).
PROPERTY_LABELS: dict[str, tuple[str, str]] = {
    PREF_LABEL: ("name", "名称"),
    ALT_LABEL: ("other name", "其他名称"),
    NOTE: ("curators' note", "编者注"),
    CLASSIFICATION: ("type", "类型"),
    IDENTIFIER: ("MOE institution code", "学校标识码"),
    HOMEPAGE: ("homepage", "主页"),
    LOCATION: ("location", "所在地"),
    SAME_AS: ("same as", "外部标识"),
    SUB_ORGANIZATION_OF: ("part of", "隶属于"),
    UNIT_OF: ("unit of", "下属于"),
    MEMBER: ("holder", "担任者"),
    ORGANIZATION_P: ("organization", "组织"),
    ROLE: ("role", "角色"),
    MEMBER_DURING: ("term", "任期"),
    ORG + "purpose": ("purpose", "宗旨"),
    RESULTED_FROM: ("founded at", "成立于活动"),
    CONTAINED_IN: ("within", "所属地区"),
    ABOUT: ("about", "关于"),
    ORGANIZER: ("organizer", "主办单位"),
    SUPER_EVENT: ("part of the event", "所属活动"),
    ON_BEHALF_OF: ("on behalf of", "代表"),
    TITLE: ("title", "标题"),
    ISSUED: ("published", "发布日期"),
    DCT + "language": ("language", "语言"),
    DCT + "publisher": ("publisher", "发布者"),
    SOURCE_TYPE: ("source type", "来源类型"),
    DCT + "description": ("description", "描述"),
    CREATOR: ("issued by", "发布单位"),
    DCT + "license": ("licence", "许可"),
    DCT + "source": ("taken from", "取自"),
    URL: ("web address", "网址"),
    DERIVED_FROM: ("source", "来源"),
    LITERAL_FORM: ("name", "名称"),
    HAS_BEGINNING: ("start", "开始"),
    HAS_END: ("end", "结束"),
    RDFS + "label": ("label", "标签"),
    PROV + "generated": ("generated", "生成"),
    PROV + "used": ("used", "使用"),
    PROV + "endedAtTime": ("ended at", "完成时间"),
}

PRECISION_UNITS = {TIME + "unitDay": "day", TIME + "unitMonth": "month", TIME + "unitYear": "year"}
LITERAL_PRECISION = {XSD + "date": "day", XSD + "gYearMonth": "month", XSD + "gYear": "year"}
