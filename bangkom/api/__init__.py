"""The JSON API for other government systems (SIASN-type master data, LMSs, dashboards): API clients
and their keys, the audit of every call, and the versioned endpoints under /api/v1/. The top layer:
it reads and writes through the services and selectors of every app below it."""
