const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The page a browser lands on when single sign-on stops: what happened and the way back. */
export function ssoFailurePage(message: string, signInPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Single sign-on failed</title>
<style>
body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;display:grid;place-items:center;min-height:100vh}
main{max-width:32rem;margin:1rem;padding:1.5rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem}
h1{font-size:1.25rem;margin:0 0 .75rem}
a{color:#2563eb}
</style>
</head>
<body>
<main>
<h1>Single sign-on failed</h1>
<p data-testid="sso-error">${escapeHtml(message)}</p>
<p><a href="${escapeHtml(signInPath)}">Back to sign-in</a></p>
</main>
</body>
</html>
`;
}

/** Inline styles only, no scripts, no framing. */
export const SSO_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
