"""The review workspace in the browser (`claims ui`): fact-checkers work through the findings, editors through
the figures of each chapter; decisions go to the decisions store and show in the exports at once.

Modules: `app` (routes, `serve`), `views` (what the pages show, pure), `workspace` (what they read),
`publish` (`republish`: exports and reports rewritten from the published tables and the decisions),
`security` (host check, access token, CSRF, headers). The exports (ClaimReview for confirmed findings,
spreadsheet-safe CSV) are the reports' own: `claims.report.claimreview`, `claims.report.exports`.
Importing this package loads no web framework: `claims.ui.publish` can be used alone.
"""
