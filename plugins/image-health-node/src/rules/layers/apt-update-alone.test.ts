import { rule } from './apt-update-alone';
import { describeRule } from '../testing';

// DS-0017's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get update\nCOPY . /src\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get update\nRUN apt-get install -y curl',
    'FROM alpine:3\nRUN apk update',
    'FROM fedora:40\nRUN dnf update -y',
    'FROM centos:7\nRUN yum update -y',
    'FROM opensuse/tumbleweed\nRUN zypper up -y',
  ],
  passes: [
    // Trivy's DS-0017 cases, changed (issue 13): no later apt install reads the index.
    'FROM ubuntu:24.04\nRUN ["apt-get", "update"]',
    'FROM ubuntu:24.04\nRUN apt-get update && adduser app',
    'FROM debian:12.5\nRUN apt-get install -y curl && apt-get update',
    'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get update -y ; apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get update -y && apt-get upgrade -y && apt-get install -y curl',
    'FROM debian:12.5\nRUN true && apt-get update && apt upgrade --yes',
    'FROM alpine:3\nRUN apk update && apk add --no-cache git',
    'FROM alpine:3\nRUN apk --update add easy-rsa',
    'FROM fedora:40\nRUN dnf update && dnf install -y dnf-plugins-core',
    'FROM centos:7\nRUN yum update -y && yum -y install java-11-openjdk',
    'FROM opensuse/tumbleweed\nRUN zypper up -y && zypper install -y curl',
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN echo "Test"',
    'FROM sbtscala/scala-sbt:eclipse-temurin-17.0.4_1.7.1_3.2.0\nRUN sbt update',
  ],
});
