"""The review workspace in the browser (`claims ui`): fact-checkers work through the findings, editors through
the figures of each chapter; decisions go to the decisions store and show in the exports at once.

Modules: `app` (routes, `serve`), `views` (what the pages show, pure), `workspace` (what they read),
`publish` (`republish`: exports and reports rewritten from the published tables and the decisions),
`exports` (the reports' ClaimReview for confirmed findings and spreadsheet-safe CSV), `security` (host
check, access token, CSRF, headers). Importing this package loads no web framework: `claims.ui.publish` can
be used alone.
"""
