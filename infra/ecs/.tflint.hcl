# tflint's bundled Terraform language rules; they need no provider plugin, so they run offline.
plugin "terraform" {
  enabled = true
  preset  = "recommended"
}
