"""A resource server in another language: configures itself from the issuer URL alone (RFC 8414
metadata -> jwks_uri) and validates our RFC 9068 access tokens with PyJWT.

Usage: python resource_server.py <issuer> <port>; prints "ready <port>" when listening.
GET /whoami needs a token with scope profile:read: 200 {sub, client_id, scope}, 401 or 403 otherwise.
"""
import json
import sys
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt

ISSUER, PORT = sys.argv[1], int(sys.argv[2])
_parts = urllib.parse.urlsplit(ISSUER)
with urllib.request.urlopen(f"{_parts.scheme}://{_parts.netloc}/.well-known/oauth-authorization-server{_parts.path.rstrip('/')}", timeout=5) as r:
    METADATA = json.load(r)
if METADATA["issuer"] != ISSUER:
    sys.exit(f"metadata names issuer {METADATA['issuer']!r}, expected {ISSUER!r}")
JWKS = jwt.PyJWKClient(METADATA["jwks_uri"])


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        header = self.headers.get("Authorization", "")
        if self.path != "/whoami" or not header.startswith("Bearer "):
            return self.answer(401, {"error": "invalid_token"})
        token = header[7:]
        try:
            if jwt.get_unverified_header(token).get("typ") != "at+jwt":
                raise jwt.InvalidTokenError("not an RFC 9068 access token")
            key = JWKS.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["EdDSA"],
                audience="accounts",
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "iss", "aud", "jti", "client_id"]},
            )
        except Exception as error:  # any failure is a refused token
            return self.answer(401, {"error": "invalid_token", "reason": type(error).__name__})
        if "profile:read" not in claims.get("scope", "").split():
            return self.answer(403, {"error": "insufficient_scope"})
        return self.answer(200, {"sub": claims["sub"], "client_id": claims["client_id"], "scope": claims["scope"]})


server = HTTPServer(("127.0.0.1", PORT), Handler)
print(f"ready {PORT}", flush=True)
server.serve_forever()
