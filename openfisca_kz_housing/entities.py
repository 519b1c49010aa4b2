"""Entities of the model: a person, and the household (family) that applies for housing aid.

Decision 56/2-VI, Annex 1, item 1 grants housing aid to "low-income families (citizens)"; who counts as
a family member is fixed by national rules (Order No 226 of 24.04.2020, Government Decree No 2314), not
by the decision. A household here is that family: one applicant and the other members.
"""

from openfisca_core.entities import build_entity

Household = build_entity(
    key="household",
    plural="households",
    label="Household (family) applying for housing aid",
    doc="""
    The family (отбасы / семья) whose members' income is pooled and whose dwelling costs are assessed
    under decision 56/2-VI of the Altai district maslikhat, Annex 1, items 1-3.
    """,
    roles=[
        {
            "key": "applicant",
            "label": "Applicant",
            "max": 1,
            "doc": "The member who files the application (өтініш беруші / заявитель).",
        },
        {
            "key": "other_member",
            "plural": "other_members",
            "label": "Other members",
            "doc": "The other members of the family living in the dwelling.",
        },
    ],
)

Person = build_entity(
    key="person",
    plural="persons",
    label="A person (citizen)",
    doc="A member of a household; incomes are recorded per person and per month.",
    is_person=True,
)

entities = [Household, Person]
