"use strict";
// The API reference: Swagger UI (served from the fastapi-offline package) over /openapi.json.
// Nothing is fetched from another host: no validator badge, no CDN.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  defaultModelsExpandDepth: 1,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
