"""recommendations: serves product recommendations for the storefront."""
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return jsonify(status="ok", service="recommendations")


@app.get("/recommendations/<int:customer_id>")
def recommendations(customer_id: int):
    return jsonify(customer=customer_id, items=[101, 202, 303])
