"""Infrastructure: pools, ECS, k3s, the image, and local dev services (the `local` package)."""
