# An example image: a web AMI copied to a second region and a worker AMI, with a manifest.
# `ec2_endpoint` points the builder at an EC2 emulator (the demo and the tests use moto);
# left empty, Packer talks to AWS and connects over SSH as usual.

variable "app_version" {
  type    = string
  default = "dev"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "copy_regions" {
  type    = list(string)
  default = ["us-west-2"]
}

variable "source_ami" {
  type    = string
  default = "ami-03cf127a"
}

variable "ec2_endpoint" {
  type    = string
  default = ""
}

locals {
  emulated = var.ec2_endpoint != ""
  # AMI names must be unique: a timestamp alone collides when two builds start in one second.
  suffix = substr(uuidv4(), 0, 8)
}

source "amazon-ebs" "web" {
  region                     = var.region
  source_ami                 = var.source_ami
  instance_type              = "t3.micro"
  ami_name                   = "example-web-{{timestamp}}-${local.suffix}"
  ami_regions                = var.copy_regions
  communicator               = local.emulated ? "none" : "ssh"
  ssh_username               = "ubuntu"
  custom_endpoint_ec2        = var.ec2_endpoint
  skip_credential_validation = local.emulated
  skip_metadata_api_check    = local.emulated
  skip_region_validation     = local.emulated
  tags = {
    Name       = "example-web"
    AppVersion = var.app_version
  }
}

source "amazon-ebs" "worker" {
  region                     = var.region
  source_ami                 = var.source_ami
  instance_type              = "t3.micro"
  ami_name                   = "example-worker-{{timestamp}}-${local.suffix}"
  communicator               = local.emulated ? "none" : "ssh"
  ssh_username               = "ubuntu"
  custom_endpoint_ec2        = var.ec2_endpoint
  skip_credential_validation = local.emulated
  skip_metadata_api_check    = local.emulated
  skip_region_validation     = local.emulated
  tags = {
    Name       = "example-worker"
    AppVersion = var.app_version
  }
}

build {
  sources = ["source.amazon-ebs.web", "source.amazon-ebs.worker"]

  post-processor "manifest" {
    output = "packer-manifest.json"
  }
}
