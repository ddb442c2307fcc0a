import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { contextOf } from '../../platform/access.js';
import { withTransaction } from '../../platform/database.js';
import { errorResponses } from '../../platform/errors.js';
import { orgPermissions } from './org.policy.js';
import {
  CreateDepartmentBody,
  CreateRegionBody,
  Department,
  DepartmentIdParams,
  DepartmentListQuery,
  DepartmentPage,
  Region,
  RegionCodeParams,
  RegionListQuery,
  RegionWithPath,
  UpdateDepartmentBody,
  UpdateRegionBody,
} from './org.schemas.js';
import * as service from './org.service.js';

const errors = errorResponses;

/** 组织机构: regions (行政区划) and departments (部门). Region and department data is public. */
export async function orgModule(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['org 组织机构'];

  app.get(
    '/regions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Regions below a parent (the top level without parentCode)',
        querystring: RegionListQuery,
        response: { 200: Type.Object({ items: Type.Array(Region) }), ...errors },
      },
    },
    async (request) => {
      const { parentCode } = request.query;
      return { items: await service.listRegions(app.database.db, parentCode ? parentCode : null) };
    },
  );

  app.get(
    '/regions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One region with its path from the top',
        params: RegionCodeParams,
        response: { 200: RegionWithPath, ...errors },
      },
    },
    async (request) => service.getRegion(app.database.db, request.params.code),
  );

  app.post(
    '/regions',
    {
      config: { access: { permission: orgPermissions.manageDepartments } },
      schema: {
        tags,
        summary: 'Add a region below an existing one (区划调整); the code decides level and parent',
        body: CreateRegionBody,
        response: { 201: Region, ...errors },
      },
    },
    async (request, reply) => {
      const region = await withTransaction(app.database.db, (tx) =>
        service.createRegion(tx, contextOf(request), request.body),
      );
      return reply.status(201).send(region);
    },
  );

  app.patch(
    '/regions/:code',
    {
      config: { access: { permission: orgPermissions.manageDepartments } },
      schema: {
        tags,
        summary: 'Rename a region',
        params: RegionCodeParams,
        body: UpdateRegionBody,
        response: { 200: Region, ...errors },
      },
    },
    async (request) =>
      withTransaction(app.database.db, (tx) =>
        service.renameRegion(tx, contextOf(request), request.params.code, request.body.name),
      ),
  );

  app.get(
    '/departments',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Departments, optionally within a region or region subtree; paged',
        querystring: DepartmentListQuery,
        response: { 200: DepartmentPage, ...errors },
      },
    },
    async (request) => service.listDepartments(app.database.db, request.query),
  );

  app.get(
    '/departments/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One department',
        params: DepartmentIdParams,
        response: { 200: Department, ...errors },
      },
    },
    async (request) => service.getDepartment(app.database.db, request.params.id),
  );

  app.post(
    '/departments',
    {
      config: { access: { permission: orgPermissions.manageDepartments } },
      schema: {
        tags,
        summary: 'Register a department',
        body: CreateDepartmentBody,
        response: { 201: Department, ...errors },
      },
    },
    async (request, reply) => {
      const department = await withTransaction(app.database.db, (tx) =>
        service.createDepartment(tx, contextOf(request), request.body),
      );
      return reply.status(201).send(department);
    },
  );

  app.patch(
    '/departments/:id',
    {
      config: { access: { permission: orgPermissions.manageDepartments } },
      schema: {
        tags,
        summary: 'Change a department: name, parent, line (条线), credit code (its region stays)',
        params: DepartmentIdParams,
        body: UpdateDepartmentBody,
        response: { 200: Department, ...errors },
      },
    },
    async (request) =>
      withTransaction(app.database.db, (tx) =>
        service.updateDepartment(tx, contextOf(request), request.params.id, request.body),
      ),
  );
}
