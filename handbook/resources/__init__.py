"""Resources: guides, research briefs, workshop materials and the like, kept beside the plans.

A second collection (`resources/<slug>.md`, its files in `resources/<slug>/`), read and
checked by the same machinery as plans (`handbook.plans.front_matter`, `repository`,
`messages`), so that an editor meets one set of rules and one kind of message.
"""
