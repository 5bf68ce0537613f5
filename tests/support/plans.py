"""Plans written to the contract by other hands, for tests and the bench to build."""

from __future__ import annotations

# More goals than the samples, long-form activities with details, Unicode, footnotes,
# strategy names in other cases and word orders, pages 1 and 2, an organization.
SCHOOL_DISTRICT = """
    ---
    title: Río Grande Unified — Leadership Plan for Partnerships 2026–27
    level: district
    organization: Río Grande Unified School District (Oficina de Familias)
    goals:
      - title: Make every family feel welcome at school.
        strategies: [CREATE AWARENESS, align policy and program]
        audience: Familias y escuelas
        activities:
          - Translate the welcome letter into Español, Tiếng Việt and 中文.
          - text: Hold a back-to-school night at each school.
            page: 2
            dates: Sept. 10–12
            responsible: Principals & ATP chairs
            expected_results: 80% of families attend
            costs: $1,200 for interpreters
          - text: Review the district policy on family engagement.
            page: 1
      - title: Train ATPs.
        strategies: [evaluate outcomes and document progress, Guide program development and learning]
        audience: ATPs in all schools
        activities:
          - Run two workshops.
      - title: Share what works.
        strategies: [share knowledge]
        audience: Familias y escuelas.
        activities:
          - Publish a newsletter.
      - title: Celebrate.
        strategies: [Celebrate Milestones]
        audience: Everyone
        activities:
          - Hold an end-of-year celebration.
          - Give certificates to ATPs.
    closing: Adopted by the board.[^board]
    ---
    Our plan builds on the state's.[^state] Questions: <familias@example.org>.

    [^state]: See the state plan.
    [^board]: On June 1.
"""
